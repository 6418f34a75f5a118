import { CareHomeError } from '../../../common/ipc/result';
import type { SignedInStaff, StaffSession } from '../../services/auth/staff-session';

/** The signed-in staff member; the dispatcher guarantees one for every channel not open to anyone. */
export function actor(session: StaffSession): SignedInStaff {
  if (!session.staff) throw new CareHomeError('not_signed_in', 'Please sign in first.');
  return session.staff;
}
