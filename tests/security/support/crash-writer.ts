/**
 * Child process for crash-during-writes.test.ts: opens the real encrypted store
 * (key from the environment, as the app would get it from the keychain) and
 * writes until it is killed. After each commit it prints what is committed, so
 * the parent knows the least the file must hold after a SIGKILL.
 *
 * Two kinds of write, as the app does them: a staff member and its
 * `staff.added` audit row in one transaction (StaffService.add), and audit
 * rows on their own (AuditLog.append), some large so that the WAL fills and
 * checkpoints run while we may be killed.
 */
import { AuditLog } from '../../../main/services/audit/audit-log';
import { openEncryptedDatabase } from '../../../main/services/store/database';
import { migrate } from '../../../main/services/store/migrations';
import { insertStaff } from '../../../main/services/staff/staff-repository';

const file = process.env.CRASH_DB_FILE;
const key = process.env.CRASH_DB_KEY;
if (!file || !key) throw new Error('CRASH_DB_FILE and CRASH_DB_KEY are required');

const db = openEncryptedDatabase(file, key, { fileMustExist: false });
migrate(db);
const audit = new AuditLog(db, () => new Date());
const actor = { staffId: 1, displayName: 'Crash Test' };

const addStaff = db.transaction((n: number) => {
  const id = insertStaff(db, {
    displayName: `Staff ${n}`,
    role: 'care_assistant',
    secretHash: `scrypt$fake$${n}`,
    createdAt: new Date().toISOString(),
  });
  audit.append({ actor, action: 'staff.added', subject: `staff:${id}`, detail: `Staff ${n} (care_assistant)` });
});

let staff = db.prepare('SELECT count(*) FROM staff_member').pluck().get() as number;
let events = db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
// Synchronous loop: stdout to a pipe is synchronous on Linux, so each line is out before the next write starts.
for (let n = staff + 1; ; n++) {
  addStaff(n);
  staff += 1;
  events += 1;
  audit.append({ actor, action: 'crash_test.tick', detail: 'x'.repeat((n * 7919) % 6000) });
  events += 1;
  process.stdout.write(`${staff} ${events}\n`);
}
