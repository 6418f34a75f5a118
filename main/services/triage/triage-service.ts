/**
 * Recognise and measure (RESTORE2): soft signs, observation sets scored with
 * NEWS2, the clinician's SpO2 scale decision, the resident's reference score,
 * the end-of-life pathway, and the escalation step that follows. Every record
 * and every view is audited; the record and its audit entry are written in
 * one transaction, so neither exists without the other.
 */
import type { ObservationPrompt, RecordedObservations, ResidentTriage } from '../../../common/ipc/channels/triage';
import { CareHomeError } from '../../../common/ipc/result';
import type { RoleName } from '../../../common/ipc/types';
import { escalationFor, type EscalationLadder } from '../../../common/triage/escalation';
import { RCP_RESPONSES, responseRow, scoreNews2, type Spo2Scale } from '../../../common/triage/news2';
import {
  news2InputOf,
  type MeasuredField,
  type ObservationSet,
  type ObservationValues,
  type ReferenceScore,
  type Spo2ScaleSetting,
} from '../../../common/triage/observations';
import type { SoftSignCode, SoftSignsCheck } from '../../../common/triage/soft-signs';
import type { AuditLog } from '../audit/audit-log';
import type { ReadableDB, WritableDB } from '../store/database';
import {
  currentEndOfLife,
  currentReference,
  currentSpo2ScaleSetting,
  findSoftSigns,
  insertEndOfLife,
  insertObservationSet,
  insertReference,
  insertSoftSigns,
  insertSpo2ScaleSetting,
  recentObservationSets,
  recentSoftSigns,
  residentExists,
  findObservationSet,
  type EndOfLifeRow,
  type ObservationSetRow,
  type ReferenceRow,
  type SoftSignsRow,
  type Spo2ScaleSettingRow,
  type StaffStamp,
} from './triage-repository';

/** Readings may be entered a little after they were taken, but not for the future (clock drift allowed). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** Older readings belong on a paper chart's transcription, not as a current set. */
const OLDEST_ACCEPTED_MS = 24 * 60 * 60 * 1000;
/** Soft signs count towards the escalation step for a day after they are ticked. */
const SOFT_SIGNS_COUNT_FOR_MS = 24 * 60 * 60 * 1000;

export interface Recorder extends StaffStamp {
  readonly role: RoleName;
}

export class TriageService {
  constructor(
    private readonly db: WritableDB,
    private readonly reader: ReadableDB,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly ladder: EscalationLadder,
  ) {}

  recordObservations(
    by: Recorder,
    request: {
      residentId: number;
      values: ObservationValues;
      takenAt?: string | undefined;
      confirmedUnusual: MeasuredField[];
      note?: string | undefined;
    },
  ): RecordedObservations {
    if (by.role === 'care_assistant' && !this.ladder.careAssistantsRecordObservations) {
      throw new CareHomeError(
        'forbidden',
        'In this home, observations are taken by nurses. Tick the soft signs and tell the nurse in charge.',
      );
    }
    this.requireResident(request.residentId);
    const now = this.now();
    const takenAt = this.checkTakenAt(request.takenAt, now);
    const id = this.db.transaction(() => {
      // Read the scale inside the transaction: the set is scored on the setting in force as it is written.
      const setting = currentSpo2ScaleSetting(this.db, request.residentId);
      const spo2Scale: Spo2Scale = setting?.scale ?? 1;
      const news2 = scoreNews2(news2InputOf(request.values, spo2Scale));
      const confirmed = request.confirmedUnusual.filter((f, i, all) => all.indexOf(f) === i);
      const setId = insertObservationSet(this.db, {
        residentId: request.residentId,
        takenAt,
        recordedAt: now.toISOString(),
        recordedBy: stamp(by),
        values: request.values,
        spo2Scale,
        spo2ScaleSettingId: setting?.id ?? null,
        news2Total: news2.total,
        confirmedUnusual: confirmed,
        note: request.note || null,
      });
      this.audit.append({
        actor: stamp(by),
        action: 'triage.observations_recorded',
        subject: `resident:${request.residentId}`,
        detail: `observation set ${setId}: NEWS2 ${news2.total}${news2.redScores.length ? ` (red: ${news2.redScores.join(', ')})` : ''}, SpO2 scale ${spo2Scale}${confirmed.length ? `; unusual confirmed: ${confirmed.join(', ')}` : ''}`,
      });
      return setId;
    })();
    const row = findObservationSet(this.db, id)!;
    const reference = currentReference(this.db, request.residentId);
    const set = toObservationSet(row, reference);
    return {
      observationSet: set,
      escalation: escalationFor(this.ladder, set.news2, this.recentSoftSignCount(this.db, request.residentId, now)),
      prompt: promptFor(set, currentEndOfLife(this.db, request.residentId)),
    };
  }

  setSpo2Scale(
    by: StaffStamp,
    request: {
      residentId: number;
      scale: Spo2Scale;
      decidedBy: string;
      decidedOn: string;
      reason?: string | undefined;
    },
  ): Spo2ScaleSetting {
    this.requireResident(request.residentId);
    const now = this.now();
    if (request.decidedOn > now.toISOString().slice(0, 10)) {
      throw new CareHomeError('invalid_request', 'The date the clinician decided cannot be in the future.');
    }
    this.db.transaction(() => {
      insertSpo2ScaleSetting(this.db, {
        residentId: request.residentId,
        scale: request.scale,
        decidedBy: request.decidedBy,
        decidedOn: request.decidedOn,
        reason: request.reason || null,
        recordedBy: by,
        recordedAt: now.toISOString(),
      });
      this.audit.append({
        actor: by,
        action: 'triage.spo2_scale_set',
        subject: `resident:${request.residentId}`,
        detail: `Scale ${request.scale}, decided by ${request.decidedBy} on ${request.decidedOn}`,
      });
    })();
    return toScaleSetting(currentSpo2ScaleSetting(this.db, request.residentId)!);
  }

  setReferenceScore(
    by: StaffStamp,
    request: { residentId: number; score: number; note?: string | undefined },
  ): ReferenceScore {
    this.requireResident(request.residentId);
    const setAt = this.now().toISOString();
    this.db.transaction(() => {
      insertReference(this.db, {
        residentId: request.residentId,
        score: request.score,
        note: request.note || null,
        setBy: by,
        setAt,
      });
      this.audit.append({
        actor: by,
        action: 'triage.reference_score_set',
        subject: `resident:${request.residentId}`,
        detail: `reference NEWS2 ${request.score}`,
      });
    })();
    return toReference(currentReference(this.db, request.residentId)!);
  }

  setEndOfLifePathway(by: StaffStamp, request: { residentId: number; onPathway: boolean; note?: string | undefined }) {
    this.requireResident(request.residentId);
    const setAt = this.now().toISOString();
    this.db.transaction(() => {
      insertEndOfLife(this.db, {
        residentId: request.residentId,
        onPathway: request.onPathway,
        note: request.note || null,
        setBy: by,
        setAt,
      });
      this.audit.append({
        actor: by,
        action: request.onPathway ? 'triage.end_of_life_started' : 'triage.end_of_life_ended',
        subject: `resident:${request.residentId}`,
      });
    })();
    return toEndOfLife(currentEndOfLife(this.db, request.residentId)!);
  }

  recordSoftSigns(
    by: StaffStamp,
    request: { residentId: number; signs: SoftSignCode[]; note?: string | undefined },
  ): SoftSignsCheck {
    this.requireResident(request.residentId);
    const recordedAt = this.now().toISOString();
    const id = this.db.transaction(() => {
      const checkId = insertSoftSigns(this.db, {
        residentId: request.residentId,
        signs: request.signs,
        note: request.note || null,
        recordedBy: by,
        recordedAt,
      });
      this.audit.append({
        actor: by,
        action: 'triage.soft_signs_recorded',
        subject: `resident:${request.residentId}`,
        detail: `check ${checkId}: ${request.signs.length ? request.signs.join(', ') : 'no listed sign, note only'}`,
      });
      return checkId;
    })();
    return toSoftSigns(findSoftSigns(this.db, id)!);
  }

  /** Everything the observations screen shows for one resident; the view is audited. */
  history(by: StaffStamp, residentId: number, limit: number): ResidentTriage {
    if (!residentExists(this.reader, residentId)) throw new CareHomeError('not_found', 'That resident was not found.');
    const setting = currentSpo2ScaleSetting(this.reader, residentId);
    const referenceRow = currentReference(this.reader, residentId);
    const endOfLife = currentEndOfLife(this.reader, residentId);
    const sets = recentObservationSets(this.reader, residentId, limit).map((row) =>
      toObservationSet(row, referenceRow),
    );
    const softSigns = recentSoftSigns(this.reader, residentId, limit).map(toSoftSigns);
    const latest = sets[0] ?? null;
    this.audit.append({
      actor: by,
      action: 'triage.history_viewed',
      subject: `resident:${residentId}`,
      detail: `${sets.length} observation sets, ${softSigns.length} soft signs checks`,
    });
    return {
      residentId,
      spo2Scale: setting?.scale ?? 1,
      spo2ScaleSetting: setting ? toScaleSetting(setting) : null,
      reference: referenceRow ? toReference(referenceRow) : null,
      endOfLife: endOfLife ? toEndOfLife(endOfLife) : null,
      observationSets: sets,
      softSigns,
      prompt: latest
        ? promptFor(latest, endOfLife)
        : endOfLife?.on_pathway
          ? { state: 'not_prompted_end_of_life' }
          : { state: 'no_observations_yet' },
      escalation: escalationFor(
        this.ladder,
        latest?.news2 ?? null,
        this.recentSoftSignCount(this.reader, residentId, this.now()),
      ),
      ladder: this.ladder,
    };
  }

  private recentSoftSignCount(db: ReadableDB, residentId: number, now: Date): number {
    const latest = recentSoftSigns(db, residentId, 1)[0];
    if (!latest || now.getTime() - Date.parse(latest.recorded_at) > SOFT_SIGNS_COUNT_FOR_MS) return 0;
    return (JSON.parse(latest.signs) as unknown[]).length;
  }

  private requireResident(residentId: number): void {
    if (!residentExists(this.db, residentId)) throw new CareHomeError('not_found', 'That resident was not found.');
  }

  private checkTakenAt(takenAt: string | undefined, now: Date): string {
    if (takenAt === undefined) return now.toISOString();
    const at = Date.parse(takenAt);
    if (at > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new CareHomeError('invalid_request', 'The time the observations were taken cannot be in the future.');
    }
    if (at < now.getTime() - OLDEST_ACCEPTED_MS) {
      throw new CareHomeError(
        'invalid_request',
        'Observations taken more than 24 hours ago cannot be entered as a new set. Write them in the resident’s notes.',
      );
    }
    return new Date(at).toISOString();
  }
}

function stamp(by: StaffStamp): StaffStamp {
  return { staffId: by.staffId, displayName: by.displayName };
}

/** When the next set is due: the RCP's minimum monitoring frequency for this score; never for end of life. */
export function promptFor(latest: ObservationSet, endOfLife: EndOfLifeRow | null): ObservationPrompt {
  if (endOfLife?.on_pathway) return { state: 'not_prompted_end_of_life' };
  const response = RCP_RESPONSES[responseRow(latest.news2)];
  if (response.nextSetWithinMinutes === null) return { state: 'continuous', monitoring: response.monitoring };
  const dueBy = new Date(Date.parse(latest.takenAt) + response.nextSetWithinMinutes * 60_000).toISOString();
  return { state: 'due_by', dueBy, monitoring: response.monitoring };
}

export function toObservationSet(row: ObservationSetRow, reference: ReferenceRow | null): ObservationSet {
  const values = {
    respirationRate: row.respiration_rate,
    spo2: row.spo2,
    onOxygen: row.on_oxygen === 1,
    systolicBp: row.systolic_bp,
    pulse: row.pulse,
    consciousness: row.consciousness,
    temperature: row.temperature_tenths / 10,
  };
  const news2 = scoreNews2(news2InputOf(values, row.spo2_scale));
  return {
    observationSetId: row.id,
    residentId: row.resident_id,
    values,
    spo2Scale: row.spo2_scale,
    spo2ScaleSettingId: row.spo2_scale_setting_id,
    takenAt: row.taken_at,
    recordedAt: row.recorded_at,
    recordedBy: { staffId: row.recorded_by, displayName: row.recorded_by_name },
    confirmedUnusual: JSON.parse(row.confirmed_unusual) as MeasuredField[],
    note: row.note,
    news2: { scores: { ...news2.scores }, total: news2.total, redScores: [...news2.redScores], risk: news2.risk },
    changeFromReference: reference ? news2.total - reference.score : null,
  };
}

function toScaleSetting(row: Spo2ScaleSettingRow): Spo2ScaleSetting {
  return {
    settingId: row.id,
    residentId: row.resident_id,
    scale: row.scale,
    decidedBy: row.decided_by,
    decidedOn: row.decided_on,
    reason: row.reason,
    recordedBy: { staffId: row.recorded_by, displayName: row.recorded_by_name },
    recordedAt: row.recorded_at,
  };
}

function toReference(row: ReferenceRow): ReferenceScore {
  return {
    residentId: row.resident_id,
    score: row.score,
    note: row.note,
    setBy: { staffId: row.set_by, displayName: row.set_by_name },
    setAt: row.set_at,
  };
}

function toEndOfLife(row: EndOfLifeRow) {
  return {
    onPathway: row.on_pathway === 1,
    note: row.note,
    setBy: { staffId: row.set_by, displayName: row.set_by_name },
    setAt: row.set_at,
  };
}

function toSoftSigns(row: SoftSignsRow): SoftSignsCheck {
  return {
    checkId: row.id,
    residentId: row.resident_id,
    signs: JSON.parse(row.signs) as SoftSignCode[],
    note: row.note,
    recordedBy: { staffId: row.recorded_by, displayName: row.recorded_by_name },
    recordedAt: row.recorded_at,
  };
}
