/**
 * The handlers of the GP record channels (common/ipc/channels/records.ts).
 * Any signed-in staff member may read and refresh; every read is audited by
 * the records service. Each request also names who the background refresh
 * asks as (the last person to use the records).
 */
import type { recordsChannels } from '../../../common/ipc/channels/records';
import type { StaffSession } from '../../services/auth/staff-session';
import type { Requester } from '../../services/records/gp-connect/audit-jwt';
import { openResidentPage } from '../../services/records/resident-page';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

export function createRecordsHandlers(services: Services): Pick<Handlers, keyof typeof recordsChannels> {
  const records = () => services.open().records;
  const requester = (session: StaffSession): Requester => {
    const staff = actor(session);
    const who = { staffId: staff.staffId, displayName: staff.displayName, role: staff.role };
    records().noteRequester(who);
    return who;
  };
  return {
    'records.residentPage': ({ residentId }, { session }) => {
      const open = services.open();
      return openResidentPage(
        { residents: open.residents, records: open.records, audit: open.audit },
        requester(session),
        residentId,
      );
    },
    'records.summary': ({ residentId }, { session }) => records().service.summary(requester(session), residentId),
    'records.section': ({ residentId, section }, { session }) =>
      records().service.section(requester(session), residentId, section),
    'records.refresh': ({ residentId }, { session }) => records().service.refresh(residentId, requester(session)),
    'records.refreshStatus': (_request, { session }) => {
      requester(session);
      return records().background.status();
    },
    'records.documents': ({ residentId }, { session }) => records().service.documents(requester(session), residentId),
    'records.openDocument': ({ residentId, documentId }, { session }) =>
      records().service.openDocument(requester(session), residentId, documentId),
    'records.htmlSection': ({ residentId, section }, { session }) =>
      records().service.htmlSection(requester(session), residentId, section),
  };
}
