/**
 * The access rule every channel is held to, applied by the dispatcher before
 * any handler runs: signed in, not locked (main enforces the idle lock too,
 * whatever the renderer does), and in a role the channel allows.
 */
import type { Access, ChannelName } from '../../common/ipc/contract';
import type { IpcError } from '../../common/ipc/result';
import type { StaffSession } from '../services/auth/staff-session';
import { findStaff } from '../services/staff/staff-repository';
import type { Services } from './services';

export function createAccessCheck(services: Services) {
  return function checkAccess(session: StaffSession, access: Access, channel: ChannelName): IpcError | null {
    if (access === 'anyone') return null;
    if (!session.staff) return { code: 'not_signed_in', message: 'Please sign in first.' };
    const nowMs = services.now().getTime();
    const stillActive = findStaff(services.open().reader, session.staff.staffId)?.active === true;
    if (!stillActive) {
      session.signOut();
      return { code: 'not_signed_in', message: 'Your account has been turned off. Ask the home manager.' };
    }
    if (session.isIdleBeyond(services.idleLockSeconds, nowMs)) services.open().auth.lock(session, 'idle');
    if (session.locked) return { code: 'session_locked', message: 'The screen is locked. Enter your PIN to carry on.' };
    if (access !== 'signedIn' && !access.includes(session.staff.role)) {
      services.open().audit.append({ actor: session.staff, action: 'access.refused', subject: channel });
      return { code: 'forbidden', message: 'Your role does not allow this. Ask the home manager if you need it.' };
    }
    session.lastActivityMs = nowMs;
    return null;
  };
}
