/**
 * Signing in, locking and unlocking: checks a staff member's PIN against its
 * hash, counts wrong attempts, locks accounts, and writes each step to the
 * audit log. The session it changes lives only in main.
 */
import { CareHomeError } from '../../../common/ipc/result';
import type { SessionInfo } from '../../../common/ipc/types';
import type { AuditLog } from '../audit/audit-log';
import type { WritableDB } from '../store/database';
import { clearFailures, findStaff, recordFailedAttempt, type StaffRecord } from '../staff/staff-repository';
import { ATTEMPTS_BEFORE_LOCK, clockTime, isLockedAt, lockMinutes } from './lockout';
import { verifySecret } from './secret-hash';
import type { StaffSession } from './staff-session';

export class AuthService {
  constructor(
    private readonly db: WritableDB,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly idleLockSeconds: number,
  ) {}

  async login(session: StaffSession, staffId: number, secret: string): Promise<SessionInfo> {
    const staff = await this.checkSecret(staffId, secret);
    session.signIn(staff, this.now().getTime());
    this.audit.append({ actor: staff, action: 'login' });
    return this.info(session);
  }

  /** Unlocks a locked screen, as the same person or as someone else (who then takes over the session). */
  async unlock(session: StaffSession, staffId: number, secret: string): Promise<SessionInfo> {
    if (!session.staff || !session.locked) {
      throw new CareHomeError('conflict', 'The screen is not locked. Sign in instead.');
    }
    const previous = session.staff;
    const staff = await this.checkSecret(staffId, secret);
    if (staff.staffId !== previous.staffId)
      this.audit.append({
        actor: previous,
        action: 'logout',
        detail: `Replaced at the lock screen by ${staff.displayName}`,
      });
    session.signIn(staff, this.now().getTime());
    this.audit.append({ actor: staff, action: 'session.unlocked' });
    return this.info(session);
  }

  lock(session: StaffSession, reason: 'asked' | 'idle'): void {
    if (!session.staff || session.locked) return;
    session.lock();
    this.audit.append({ actor: session.staff, action: reason === 'idle' ? 'session.auto_locked' : 'session.locked' });
  }

  logout(session: StaffSession): void {
    if (session.staff) this.audit.append({ actor: session.staff, action: 'logout' });
    session.signOut();
  }

  info(session: StaffSession): SessionInfo {
    const info = session.info(this.idleLockSeconds);
    if (!info) throw new CareHomeError('not_signed_in', 'Please sign in first.');
    return info;
  }

  private async checkSecret(staffId: number, secret: string): Promise<StaffRecord> {
    const staff = findStaff(this.db, staffId);
    if (!staff)
      throw new CareHomeError('not_found', 'That staff member is not on this laptop. Choose your name from the list.');
    if (!staff.active) {
      this.audit.append({
        actor: null,
        action: 'login.refused',
        subject: `staff:${staffId}`,
        detail: 'Account disabled',
      });
      throw new CareHomeError('account_disabled', 'This account has been turned off. Ask the home manager.');
    }
    const now = this.now();
    if (isLockedAt(staff.lockedUntil, now)) {
      this.audit.append({
        actor: null,
        action: 'login.refused',
        subject: `staff:${staffId}`,
        detail: 'Account locked',
      });
      throw new CareHomeError(
        'account_locked',
        `This account is locked after too many wrong PINs. Try again after ${clockTime(staff.lockedUntil!)}, or ask a manager to unlock it.`,
      );
    }
    if (await verifySecret(secret, staff.secretHash)) {
      clearFailures(this.db, staff.staffId);
      return staff;
    }
    return this.refuseWrongSecret(staff, now);
  }

  private refuseWrongSecret(staff: StaffRecord, now: Date): never {
    // A lock that has run out starts a fresh count of five.
    const attempts = (staff.lockedUntil ? 0 : staff.failedAttempts) + 1;
    if (attempts >= ATTEMPTS_BEFORE_LOCK) {
      const minutes = lockMinutes(staff.lockouts);
      const until = new Date(now.getTime() + minutes * 60_000).toISOString();
      recordFailedAttempt(this.db, staff.staffId, attempts, until, staff.lockouts + 1);
      this.audit.append({
        actor: null,
        action: 'login.locked_out',
        subject: `staff:${staff.staffId}`,
        detail: `Locked for ${minutes} minute(s)`,
      });
      throw new CareHomeError(
        'account_locked',
        `That PIN is not right. After ${ATTEMPTS_BEFORE_LOCK} wrong PINs this account is locked until ${clockTime(until)}. A manager can unlock it sooner.`,
      );
    }
    recordFailedAttempt(this.db, staff.staffId, attempts, null, staff.lockouts);
    this.audit.append({
      actor: null,
      action: 'login.failed',
      subject: `staff:${staff.staffId}`,
      detail: `Attempt ${attempts}`,
    });
    const left = ATTEMPTS_BEFORE_LOCK - attempts;
    throw new CareHomeError(
      'wrong_secret',
      `That PIN is not right. You have ${left} more ${left === 1 ? 'try' : 'tries'} before the account is locked.`,
    );
  }
}
