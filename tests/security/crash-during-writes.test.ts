/**
 * A process killed mid-write (power button, OOM killer, a crash) must leave the
 * encrypted store readable and whole: SQLite's WAL makes each transaction
 * all-or-nothing, and SQLCipher must not add a way to tear a page.
 *
 * A child (support/crash-writer.ts) writes staff and audit rows in a loop; we
 * SIGKILL it at different moments, on the same file each time so that every
 * round also recovers the previous round's WAL, then reopen the file with the
 * same key and check it. Runs without the keychain: the key is passed in env.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { verifyAuditLog } from '../../main/services/audit/audit-log';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { newDatabaseKey } from '../../main/services/store/store-key';
import { tempDir } from '../support/temp-dir';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WRITER = path.join(__dirname, 'support', 'crash-writer.ts');

interface Committed {
  staff: number;
  events: number;
}

/** Runs the writer until it has committed `rowsToWrite` more staff rows (plus a little jitter), then SIGKILLs it. */
async function writeThenKill(file: string, key: string, startStaff: number, rowsToWrite: number): Promise<Committed> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: REPO_ROOT,
    env: { ...process.env, CRASH_DB_FILE: file, CRASH_DB_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  let last: Committed = { staff: startStaff, events: 0 };
  let buffered = '';
  let killScheduled = false;
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const [staff, events] = line.split(' ').map(Number);
      last = { staff: staff!, events: events! };
    }
    if (!killScheduled && last.staff - startStaff >= rowsToWrite) {
      killScheduled = true;
      // A few milliseconds of jitter, so the kill lands at a different point of the write cycle each time.
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 5));
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const { code, signal } = await exited;
  clearTimeout(timer);
  // Lines written before the kill may still be in the pipe: read them all before trusting `last`.
  await new Promise((resolve) => (child.stdout.readableEnded ? resolve(null) : child.stdout.once('end', resolve)));
  assert.equal(signal, 'SIGKILL', `the writer stopped by itself (exit ${code}): ${stderr}`);
  assert.ok(last.staff - startStaff >= rowsToWrite, `the writer only wrote ${last.staff - startStaff} rows: ${stderr}`);
  return last;
}

test('the store survives SIGKILL during writes, at different moments', { timeout: 60_000 }, async () => {
  const file = path.join(tempDir(), 'care-home.db');
  const key = newDatabaseKey();
  let staffSoFar = 0;
  // Kill soon after the first commit, then after more and more rows (the WAL checkpoints every ~1000 pages).
  for (const rowsToWrite of [1, 40, 400, 1500, 3000]) {
    const started = Date.now();
    const committed = await writeThenKill(file, key, staffSoFar, rowsToWrite);
    const walBytes = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;

    // The same key opens it; SQLite replays (or discards the torn tail of) the WAL.
    const db = openEncryptedDatabase(file, key, { fileMustExist: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const staff = db.prepare('SELECT count(*) FROM staff_member').pluck().get() as number;
      const events = db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
      const staffAudited = db
        .prepare("SELECT count(*) FROM audit_event WHERE action = 'staff.added'")
        .pluck()
        .get() as number;
      // Every transaction the writer saw commit is there (a process crash loses nothing committed)...
      assert.ok(staff >= committed.staff, `${staff} staff rows, but ${committed.staff} were committed`);
      assert.ok(events >= committed.events, `${events} audit rows, but ${committed.events} were committed`);
      // ...and nothing half-done is: each staff row has exactly its audit row (same transaction).
      assert.equal(staffAudited, staff, 'a staff row and its audit row were split by the crash');
      const verification = verifyAuditLog(db);
      assert.deepEqual(verification, { ok: true, checked: events, firstBrokenId: null });
      console.log(
        `killed after ${committed.staff - staffSoFar}+ rows (${Date.now() - started} ms, WAL ${walBytes} bytes): ${staff} staff, ${events} audit rows intact`,
      );
      staffSoFar = staff;
    } finally {
      db.close();
    }
  }
});
