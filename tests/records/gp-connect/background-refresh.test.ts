/**
 * The background refresher against the sandbox: a round refreshes every
 * resident with a basis for access, a few at a time; when the connection goes
 * it says offline and keeps its place; when the GP system is back it resumes
 * by itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoNhsNumbers } from '../../../main/services/demo/demo-care-home';
import { AuditLog } from '../../../main/services/audit/audit-log';
import { BackgroundRefresher } from '../../../main/services/records/background-refresh';
import { demoStructuredBundle } from '../../../main/services/records/demo-gp-records';
import { createRecords } from '../../../main/services/records/records';
import { startGpConnectSandbox } from '../../sandboxes/gp-connect/gp-connect-sandbox';
import { addResident, recordsCore, sandbox, storeOf } from './support';

test('background refresh: progress, offline detected and shown, and it resumes when the connection returns', async () => {
  const s = await sandbox();
  const { t, manager, managerId } = await recordsCore(s);
  const numbers = demoNhsNumbers(6);
  const ids = numbers.map((nhs, i) => {
    s.setRecord(
      nhs,
      demoStructuredBundle({ nhsNumber: nhs, displayName: `Resident ${i}`, dateOfBirth: '1935-01-01', seed: i }),
    );
    // The sixth has no basis for access: the background refresh must leave it alone.
    return addResident(t, nhs, ['Resident', String(i)], { basis: i < 5 });
  });
  const db = storeOf(t);
  const records = createRecords({
    db,
    reader: db,
    audit: new AuditLog(db, () => new Date()),
    vault: t.vault,
    now: () => new Date(),
    policy: t.core.policy,
    startBackground: false,
  });
  const background = new BackgroundRefresher({
    service: records.service,
    residents: () => ids.slice(0, 5),
    requester: () => ({ staffId: managerId, displayName: 'Alice Manager', role: 'manager' }),
    now: () => new Date(),
    intervalMs: 60 * 60_000,
    batchSize: 2,
    retryMs: 100,
  });

  await background.runNow();
  let status = background.status();
  assert.deepEqual([status.done, status.total, status.failed, status.online, status.running], [5, 5, 0, true, false]);
  const fetched = (id: number) =>
    db.prepare('SELECT fetched_at FROM gp_record WHERE resident_id = ?').pluck().get(id) as string | undefined;
  assert.ok(ids.slice(0, 5).every((id) => fetched(id)));
  assert.equal(fetched(ids[5]!), undefined);
  const firstFetch = ids.slice(0, 5).map(fetched);

  // The connection goes: the round stops at once, says offline, and keeps its place.
  const port = s.port;
  await s.close();
  await sleep(5);
  await background.runNow();
  status = background.status();
  assert.equal(status.online, false);
  assert.equal(status.done, 0);
  assert.equal(status.total, 5);
  assert.ok(status.nextRoundAt, 'a retry is scheduled');
  // The screens say so too.
  assert.equal((await t.ok(manager, 'records.summary', { residentId: ids[0]! })).lastError?.kind, 'offline');

  // The GP system comes back on the same address: the refresher resumes by itself.
  const back = await startGpConnectSandbox({ port });
  numbers.forEach((nhs, i) =>
    back.setRecord(
      nhs,
      demoStructuredBundle({ nhsNumber: nhs, displayName: `Resident ${i}`, dateOfBirth: '1935-01-01', seed: i }),
    ),
  );
  try {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(background.status().online === true && background.status().done === 5))
      await sleep(50);
    status = background.status();
    assert.deepEqual([status.done, status.total, status.online], [5, 5, true]);
    ids.slice(0, 5).forEach((id, i) => assert.ok(fetched(id)! >= firstFetch[i]!));
    assert.equal((await t.ok(manager, 'records.summary', { residentId: ids[0]! })).lastError, null);
  } finally {
    background.stop();
    await back.close();
  }
});
