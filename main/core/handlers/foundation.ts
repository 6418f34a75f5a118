/**
 * The handlers of the foundation's channels (common/ipc/channels/foundation.ts).
 * Each receives a request the dispatcher has already validated, from a session
 * it has already checked.
 */
import type { foundationChannels } from '../../../common/ipc/channels/foundation';
import { CareHomeError } from '../../../common/ipc/result';
import { recentAuditEntries, verifyAuditLog } from '../../services/audit/audit-log';
import { loginCandidates } from '../../services/staff/staff-repository';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

const DONE = { done: true } as const;

export function createFoundationHandlers(services: Services): Pick<Handlers, keyof typeof foundationChannels> {
  const open = () => services.open();
  return {
    'app.status': () => services.status(),
    'app.leaveKiosk': (_request, { session }) => {
      if (!services.desktop)
        throw new CareHomeError('conflict', 'This window is not in kiosk mode, so there is nothing to leave.');
      services.desktop.leaveKiosk();
      open().audit.append({ actor: actor(session), action: 'kiosk.left' });
      return DONE;
    },

    'setup.createCareHome': async (request, { session }) => {
      const manager = await open().setup.createCareHome(request);
      session.signIn({ ...manager, role: 'manager' }, services.now().getTime());
      open().audit.append({ actor: manager, action: 'login' });
      return open().auth.info(session);
    },
    'setup.createDemoCareHome': () => open().setup.createDemoCareHome(),

    'auth.loginCandidates': () => loginCandidates(open().reader),
    'auth.login': ({ staffId, secret }, { session }) => open().auth.login(session, staffId, secret),
    'auth.logout': (_request, { session }) => {
      if (session.staff) open().auth.logout(session);
      return DONE;
    },

    'session.current': (_request, { session }) => {
      if (!session.staff) return null;
      if (session.isIdleBeyond(services.idleLockSeconds, services.now().getTime())) open().auth.lock(session, 'idle');
      return open().auth.info(session);
    },
    'session.stillHere': (_request, { session }) => open().auth.info(session),
    'session.lock': (_request, { session }) => {
      if (session.staff) open().auth.lock(session, 'asked');
      return DONE;
    },
    'session.unlock': ({ staffId, secret }, { session }) => open().auth.unlock(session, staffId, secret),

    'staff.list': () => open().staff.list(),
    'staff.add': (request, { session }) => open().staff.add(actor(session), request),
    'staff.disable': ({ staffId }, { session }) => {
      if (staffId === actor(session).staffId)
        throw new CareHomeError('conflict', 'You cannot turn off your own account.');
      return open().staff.disable(actor(session), staffId);
    },
    'staff.enable': ({ staffId }, { session }) => open().staff.enable(actor(session), staffId),
    'staff.resetSecret': ({ staffId, secret }, { session }) =>
      open().staff.resetSecret(actor(session), staffId, secret),
    'staff.unlockAccount': ({ staffId }, { session }) => open().staff.unlockAccount(actor(session), staffId),

    'audit.recent': ({ limit }) => recentAuditEntries(open().reader, limit),
    'audit.verify': (_request, { session }) => {
      const result = verifyAuditLog(open().reader);
      open().audit.append({
        actor: actor(session),
        action: 'audit.verified',
        detail: result.ok ? `${result.checked} entries intact` : `Broken at entry ${result.firstBrokenId}`,
      });
      return result;
    },

    'policy.status': () => services.policy,
  };
}
