/**
 * What managers do to staff accounts: add, turn off and on, reset a PIN, and
 * unlock after too many wrong PINs. Every change is audited. The role check
 * itself is the dispatcher's; the rules here are about the accounts.
 */
import { CareHomeError } from '../../../common/ipc/result';
import type { RoleName, StaffMember } from '../../../common/ipc/types';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { hashSecret } from '../auth/secret-hash';
import type { WritableDB } from '../store/database';
import {
  clearFailures,
  countActiveManagers,
  findStaff,
  insertStaff,
  listStaff,
  setActive,
  setSecretHash,
  toStaffMember,
  type StaffRecord,
} from './staff-repository';

export class StaffService {
  constructor(
    private readonly db: WritableDB,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  list(): StaffMember[] {
    return listStaff(this.db).map(toStaffMember);
  }

  async add(
    actor: AuditActor | null,
    member: { displayName: string; role: RoleName; secret: string },
  ): Promise<StaffMember> {
    const secretHash = await hashSecret(member.secret);
    const staffId = this.db.transaction(() => {
      const id = insertStaff(this.db, {
        displayName: member.displayName,
        role: member.role,
        secretHash,
        createdAt: this.now().toISOString(),
      });
      this.audit.append({
        actor,
        action: 'staff.added',
        subject: `staff:${id}`,
        detail: `${member.displayName} (${member.role})`,
      });
      return id;
    })();
    return toStaffMember(this.existing(staffId));
  }

  disable(actor: AuditActor, staffId: number): StaffMember {
    const staff = this.existing(staffId);
    if (staff.role === 'manager' && staff.active && countActiveManagers(this.db) <= 1) {
      throw new CareHomeError(
        'conflict',
        'This is the only active manager. Add another manager before turning this account off.',
      );
    }
    return this.change(actor, staffId, 'staff.disabled', () => setActive(this.db, staffId, false));
  }

  enable(actor: AuditActor, staffId: number): StaffMember {
    this.existing(staffId);
    return this.change(actor, staffId, 'staff.enabled', () => setActive(this.db, staffId, true));
  }

  async resetSecret(actor: AuditActor, staffId: number, secret: string): Promise<StaffMember> {
    this.existing(staffId);
    const secretHash = await hashSecret(secret);
    return this.change(actor, staffId, 'staff.secret_reset', () => setSecretHash(this.db, staffId, secretHash));
  }

  unlockAccount(actor: AuditActor, staffId: number): StaffMember {
    this.existing(staffId);
    return this.change(actor, staffId, 'staff.unlocked', () => clearFailures(this.db, staffId));
  }

  private change(actor: AuditActor, staffId: number, action: string, apply: () => void): StaffMember {
    this.db.transaction(() => {
      apply();
      this.audit.append({ actor, action, subject: `staff:${staffId}` });
    })();
    return toStaffMember(this.existing(staffId));
  }

  private existing(staffId: number): StaffRecord {
    const staff = findStaff(this.db, staffId);
    if (!staff)
      throw new CareHomeError(
        'not_found',
        'That staff member was not found. They may have been removed on another screen.',
      );
    return staff;
  }
}
