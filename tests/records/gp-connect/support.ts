/**
 * A real core (encrypted store, keychain) whose policy points GP Connect at a
 * sandbox on 127.0.0.1, with a care home, a signed-in manager and residents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { insertAccessBasis } from '../../../main/services/residents/access-basis';
import { insertResident } from '../../../main/services/residents/residents-repository';
import type { WritableDB } from '../../../main/services/store/database';
import { demoStructuredBundle } from '../../../main/services/records/demo-gp-records';
import {
  CONSUMER_ASID,
  FIXTURES,
  PROVIDER_ASID,
  startGpConnectSandbox,
  type GpConnectSandbox,
  type SandboxOptions,
} from '../../sandboxes/gp-connect/gp-connect-sandbox';
import { setUpCareHome, startTestCore, type TestCore } from '../../support/core';

/** Test-range NHS numbers from the GP Connect demonstrator (valid check digits). */
export const NHS = { margaret: '9658218865', arthur: '9658218873', joan: '9658218881' };

export function fixture(...parts: string[]): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8'));
}

export async function sandbox(options: SandboxOptions = {}): Promise<GpConnectSandbox> {
  const s = await startGpConnectSandbox(options);
  after(() => s.close());
  return s;
}

export function gpConnectPolicy(url: string, extra: Record<string, unknown> = {}) {
  return {
    gpConnect: {
      providerBaseUrl: url,
      consumerAsid: CONSUMER_ASID,
      providerAsid: PROVIDER_ASID,
      consumerOdsCode: 'VM123',
      timeoutSeconds: 2,
      ...extra,
    },
  };
}

export function storeOf(t: TestCore): WritableDB {
  if (t.core.store.state !== 'open') throw new Error('store not open');
  return t.core.store.db;
}

export function addResident(
  t: TestCore,
  nhsNumber: string,
  name: [string, string],
  options: { basis: boolean; recordedBy?: { staffId: number; displayName: string } },
): number {
  const db = storeOf(t);
  const id = insertResident(
    db,
    { nhsNumber, givenName: name[0], familyName: name[1], dateOfBirth: '1936-03-14', room: '4', gpOdsCode: 'Y90001' },
    new Date().toISOString(),
  );
  if (options.basis) recordBasis(t, id, options.recordedBy ?? { staffId: 1, displayName: 'Alice Manager' });
  return id;
}

export function recordBasis(t: TestCore, residentId: number, by: { staffId: number; displayName: string }): void {
  insertAccessBasis(storeOf(t), {
    residentId,
    basis: 'consent',
    note: 'Resident agreed on admission',
    recordedBy: by,
    recordedAt: new Date().toISOString(),
  });
}

/** A core with GP Connect pointed at the sandbox, a signed-in manager, and the sandbox serving the examples. */
export async function recordsCore(s: GpConnectSandbox, extra: Record<string, unknown> = {}) {
  const t = await startTestCore({ policy: gpConnectPolicy(s.url, extra) });
  const { manager, managerId } = await setUpCareHome(t);
  s.setRecord(NHS.margaret, fixture('structured', 'allergies_response1.json'));
  s.setRecord(
    NHS.arthur,
    demoStructuredBundle({ nhsNumber: NHS.arthur, displayName: 'Arthur Bennett', dateOfBirth: '1931-11-02', seed: 3 }),
  );
  return { t, manager, managerId };
}

export function auditRows(t: TestCore, action: string) {
  return storeOf(t)
    .prepare('SELECT staff_id, action, subject, detail FROM audit_event WHERE action = ? ORDER BY id')
    .all(action) as Array<{ staff_id: number | null; action: string; subject: string; detail: string | null }>;
}
