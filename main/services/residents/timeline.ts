/**
 * The resident's timeline in main: each part of the app registers a
 * `TimelineSource` that reads its own tables; the timeline asks each for the
 * resident's entries, merges them newest first and writes one audit row per
 * view. A source that fails is named on the page (`unreadable`) and the rest
 * are shown: one broken row must not hide a resident's history.
 */
import {
  TIMELINE_DEFAULT_LIMIT,
  type ResidentTimelinePage,
  type TimelineEntry,
} from '../../../common/residents/timeline';
import { CareHomeError } from '../../../common/ipc/result';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { ReadableDB } from '../store/database';
import { findResidentRow } from './residents-repository';

export interface TimelineSource {
  /** For the log when the source fails: "district nursing", "mail", … */
  readonly name: string;
  /** The resident's entries, newest first, at most `limit` of them. */
  entries(reader: ReadableDB, residentId: number, limit: number): TimelineEntry[];
}

export class ResidentTimeline {
  constructor(
    private readonly reader: ReadableDB,
    private readonly audit: AuditLog,
    private readonly sources: readonly TimelineSource[],
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  list(actor: AuditActor, residentId: number, limit = TIMELINE_DEFAULT_LIMIT): ResidentTimelinePage {
    if (!findResidentRow(this.reader, residentId)) throw new CareHomeError('not_found', 'That resident was not found.');
    const unreadable: string[] = [];
    const all = this.sources.flatMap((source) => {
      try {
        return source.entries(this.reader, residentId, limit + 1);
      } catch (error) {
        this.warn(`The ${source.name} entries of resident ${residentId} could not be read: ${String(error)}`);
        unreadable.push(source.name);
        return [];
      }
    });
    all.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
    const page: ResidentTimelinePage = {
      residentId,
      entries: all.slice(0, limit),
      more: all.length > limit,
      unreadable,
    };
    this.audit.append({
      actor,
      action: 'resident.viewed',
      subject: `resident:${residentId}`,
      detail: `timeline (${page.entries.length} entries)`,
    });
    return page;
  }
}
