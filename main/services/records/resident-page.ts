/**
 * The first screen of a resident's page in one read: banner details, photo,
 * GP record summary and refresh status. The page used to ask four times, and
 * each answer wrote its own audit row; now a view of the page is one request
 * and one audit row (who, which resident, which section: "summary", when).
 */
import type { ResidentPage } from '../../../common/ipc/channels/records';
import { CareHomeError } from '../../../common/ipc/result';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { ResidentsService } from '../residents/residents-service';
import type { Records } from './records';

export function openResidentPage(
  deps: { residents: ResidentsService; records: Records; audit: AuditLog },
  actor: AuditActor,
  residentId: number,
): ResidentPage {
  const resident = deps.residents.details(residentId);
  if (!resident) throw new CareHomeError('not_found', 'That resident was not found.');
  const page: ResidentPage = {
    resident,
    photo: deps.residents.readPhoto(residentId),
    summary: deps.records.service.readSummary(residentId),
    refreshStatus: deps.records.background.status(),
  };
  // Written only once everything was read: a view that failed to open is not recorded as seen.
  deps.audit.append({
    actor,
    action: 'resident.viewed',
    subject: `resident:${residentId}`,
    detail: 'summary (details, photo, GP record summary)',
  });
  return page;
}
