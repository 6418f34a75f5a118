/**
 * The state of one window (or one browser-host connection): who is signed in,
 * and whether the screen is locked. Held only in memory in main; the renderer
 * sees a copy through `session.current` and can never set it.
 */
import type { RoleName, SessionInfo } from '../../../common/ipc/types';

export interface SignedInStaff {
  readonly staffId: number;
  readonly displayName: string;
  readonly role: RoleName;
}

export class StaffSession {
  staff: SignedInStaff | null = null;
  locked = false;
  lastActivityMs = 0;

  signIn(staff: SignedInStaff, nowMs: number): void {
    // Copy only who they are: never carry a whole staff record (with its hash) in the session.
    this.staff = { staffId: staff.staffId, displayName: staff.displayName, role: staff.role };
    this.locked = false;
    this.lastActivityMs = nowMs;
  }

  signOut(): void {
    this.staff = null;
    this.locked = false;
  }

  lock(): void {
    if (this.staff) this.locked = true;
  }

  /** True when the session has been idle for longer than the policy allows. */
  isIdleBeyond(idleLockSeconds: number, nowMs: number): boolean {
    return this.staff !== null && !this.locked && nowMs - this.lastActivityMs > idleLockSeconds * 1000;
  }

  info(idleLockSeconds: number): SessionInfo | null {
    if (!this.staff) return null;
    return { ...this.staff, locked: this.locked, idleLockSeconds };
  }
}
