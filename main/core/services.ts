/**
 * Builds the services over an open store, or stands in for them when the
 * store could not be opened: then every call that needs data is answered
 * `store_unavailable`, and `app.status` tells the administrator why.
 */
import { CareHomeError } from '../../common/ipc/result';
import type { AppStatus, PolicyStatus } from '../../common/ipc/types';
import { AuditLog } from '../services/audit/audit-log';
import { AuthService } from '../services/auth/auth-service';
import { findCareHome } from '../services/care-home/care-home-repository';
import { SetupService } from '../services/care-home/setup-service';
import { idleLockSeconds } from '../services/policy/policy';
import { openEncryptedDatabase, type ReadableDB, type WritableDB } from '../services/store/database';
import type { StoreOpening } from '../services/store/open-store';
import type { DesktopControls } from './care-home-core';
import { StaffService } from '../services/staff/staff-service';
import { createRecords, type Records } from '../services/records/records';
import type { Vault } from '../services/vault/vault';
import { ResidentsService } from '../services/residents/residents-service';
import { gpRecordStatuses } from '../services/records/gp-record-store';
import { NursingService, nursingEndpoint } from '../services/nursing/nursing-service';
import { TriageService } from '../services/triage/triage-service';
import { MailService } from '../services/mail/mail-service';
import { AssessmentsService } from '../services/assessments/assessments-service';
import { escalationLadder } from '../services/policy/policy';
import { ResidentTimeline, type TimelineSource } from '../services/residents/timeline';
import { nursingTimelineSource } from '../services/nursing/nursing-timeline';

/** Every part of the app that puts entries on a resident's timeline: add a domain's source here. */
const TIMELINE_SOURCES: readonly TimelineSource[] = [nursingTimelineSource];

export interface OpenServices {
  readonly db: WritableDB;
  /** A second, read-only connection for views: the type system stops it from writing. */
  readonly reader: ReadableDB;
  readonly audit: AuditLog;
  readonly auth: AuthService;
  readonly staff: StaffService;
  readonly setup: SetupService;
  /** The GP record (GP Connect): service and background refresher. */
  readonly records: Records;
  readonly residents: ResidentsService;
  readonly nursing: NursingService;
  readonly triage: TriageService;
  readonly mail: MailService;
  readonly assessments: AssessmentsService;
  /** A resident's timeline, gathered from every domain's own tables. */
  readonly timeline: ResidentTimeline;
}

export interface Services {
  readonly now: () => Date;
  readonly desktop: DesktopControls | null;
  readonly policy: PolicyStatus;
  readonly idleLockSeconds: number;
  status(): AppStatus;
  /** The services over the store; throws `store_unavailable` when the store is not open. */
  open(): OpenServices;
  close(): void;
}

export function createServices(options: {
  store: StoreOpening;
  policy: PolicyStatus;
  now: () => Date;
  desktop: DesktopControls | null;
  /** The keychain vault, for the GP Connect client certificate. */
  vault?: Vault | null;
}): Services {
  const { store, policy, now, desktop } = options;
  const idle = idleLockSeconds(policy);
  const policyProblems = policy.problems;

  if (store.state === 'failed') {
    return {
      now,
      desktop,
      policy,
      idleLockSeconds: idle,
      status: () => ({
        state: 'store_error',
        problem: store.problem,
        message: store.message,
        detail: store.detail,
        databasePath: store.path,
        policyProblems,
      }),
      open: () => {
        throw new CareHomeError('store_unavailable', store.message);
      },
      close: () => {},
    };
  }

  const db = store.db;
  const reader = openEncryptedDatabase(store.path, store.key, { readonly: true, fileMustExist: true });
  const audit = new AuditLog(db, now);
  const open: OpenServices = {
    db,
    reader,
    audit,
    auth: new AuthService(db, audit, now, idle),
    staff: new StaffService(db, audit, now),
    setup: new SetupService(db, audit, now),
    records: createRecords({ db, reader, audit, vault: options.vault ?? null, now, policy }),
    residents: new ResidentsService(db, reader, audit, now, gpRecordStatuses),
    nursing: new NursingService({ db, reader, audit, now, endpoint: nursingEndpoint(policy) }),
    triage: new TriageService(db, reader, audit, now, escalationLadder(policy)),
    mail: new MailService({ db, reader, audit, vault: options.vault ?? null, now, policy }),
    assessments: new AssessmentsService({
      db,
      reader,
      audit,
      now,
      residents: () => open.residents,
      policy: policy.effective.assessments,
    }),
    timeline: new ResidentTimeline(reader, audit, TIMELINE_SOURCES),
  };
  return {
    now,
    desktop,
    policy,
    idleLockSeconds: idle,
    status: () => {
      const home = findCareHome(reader);
      return home
        ? { state: 'ready', careHomeName: home.name, isDemo: home.isDemo, policyProblems }
        : { state: 'needs_setup', policyProblems };
    },
    open: () => open,
    close: () => {
      open.records.background.stop();
      void open.mail.stop();
      reader.close();
      db.close();
    },
  };
}
