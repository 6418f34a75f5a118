/**
 * The GP record's ingest figures for `npm run bench` (called from bench.ts, same style: medians, a peer
 * measured in the same run, PASS/MISS on the target):
 *
 *   5. parse + store one full structured record (the largest public example scaled to ~500 resources)
 *      vs the floor: JSON.parse + plain inserts of the same rows
 *   6. refresh 100 residents from the GP Connect sandbox on loopback (headers, JWT, documents, parse, store)
 *      vs the floor: the same 100 structured-record requests with JSON.parse only
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gpConnectSettings } from '../../common/records/gp-connect-settings';
import { AuditLog } from '../../main/services/audit/audit-log';
import { insertCareHome } from '../../main/services/care-home/care-home-repository';
import { demoNhsNumbers } from '../../main/services/demo/demo-care-home';
import { BackgroundRefresher } from '../../main/services/records/background-refresh';
import { demoStructuredBundle } from '../../main/services/records/demo-gp-records';
import { structuredRecordParameters } from '../../main/services/records/gp-connect/gp-connect-client';
import { parseStructuredRecord } from '../../main/services/records/gp-connect/structured-parser';
import { saveGpRecord, SECTIONS } from '../../main/services/records/gp-record-store';
import { RecordsService } from '../../main/services/records/records-service';
import { insertAccessBasis } from '../../main/services/residents/access-basis';
import { insertResident } from '../../main/services/residents/residents-repository';
import { openEncryptedDatabase, type WritableDB } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import { insertStaff } from '../../main/services/staff/staff-repository';
import { auditJwt } from '../../main/services/records/gp-connect/audit-jwt';
import {
  CONSUMER_ASID,
  FIXTURES,
  PROVIDER_ASID,
  startGpConnectSandbox,
} from '../sandboxes/gp-connect/gp-connect-sandbox';

export interface BenchRow {
  figure: string;
  value: number | null;
  unit: string;
  peer: string;
  peerValue: number | null;
  target: number;
  targetOn: 'value' | 'ratio';
  note?: string;
}

type Json = Record<string, unknown>;

/** Copies of every resource with ids and references suffixed, until the bundle holds about `target` resources. */
export function scaledBundle(bundle: Json, target: number): Json {
  const entries = bundle['entry'] as Array<{ resource: Json }>;
  const infrastructure = new Set(['Patient', 'Organization', 'Practitioner', 'PractitionerRole']);
  const clinical = entries.filter((e) => !infrastructure.has(String(e.resource['resourceType'])));
  const out = [...entries];
  const rewrite = (v: unknown, k: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => rewrite(x, k));
    if (v && typeof v === 'object') {
      const o: Json = {};
      for (const [key, val] of Object.entries(v as Json)) {
        o[key] =
          (key === 'id' || key === 'reference') &&
          typeof val === 'string' &&
          !/^(Patient|Organization|Practitioner|PractitionerRole)\//.test(val)
            ? `${val}-${k}`
            : rewrite(val, k);
      }
      return o;
    }
    return v;
  };
  for (let k = 1; out.length < target; k++) {
    for (const e of clinical) {
      if (out.length >= target) break;
      out.push({ resource: rewrite(e.resource, k) as Json });
    }
  }
  return { ...bundle, entry: out };
}

function freshStore(dir: string, name: string): WritableDB {
  const db = openEncryptedDatabase(path.join(dir, `${name}.db`), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  migrate(db);
  return db;
}

function seedHome(db: WritableDB, residents: string[]): { staffId: number; ids: number[] } {
  const at = new Date().toISOString();
  insertCareHome(db, { name: 'Bench House', odsCode: 'VM123', isDemo: false }, at);
  const staffId = insertStaff(db, { displayName: 'Bench Nurse', role: 'nurse', secretHash: 'x', createdAt: at });
  const ids = residents.map((nhsNumber, i) => {
    const id = insertResident(
      db,
      {
        nhsNumber,
        givenName: 'Bench',
        familyName: `Resident ${i}`,
        dateOfBirth: '1935-01-01',
        room: String(i),
        gpOdsCode: null,
      },
      at,
    );
    insertAccessBasis(db, {
      residentId: id,
      basis: 'consent',
      note: 'bench',
      recordedBy: { staffId, displayName: 'Bench Nurse' },
      recordedAt: at,
    });
    return id;
  });
  return { staffId, ids };
}

async function benchIngest(runs: number, median: (xs: number[]) => number, dir: string): Promise<BenchRow> {
  const source = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'structured', 'consultations_response1.json'), 'utf8'),
  ) as Json;
  const bundle = scaledBundle(source, 500);
  const text = JSON.stringify(bundle);
  const resourceCount = (bundle['entry'] as unknown[]).length;
  const nhsNumber = '9658218865';
  const db = freshStore(dir, 'ingest');
  const { ids } = seedHome(db, [nhsNumber]);
  const residentId = ids[0]!;
  db.exec(
    'CREATE TABLE floor_item (resident_id INTEGER NOT NULL, section TEXT NOT NULL, position INTEGER NOT NULL, item_json TEXT NOT NULL) STRICT',
  );
  const floorInsert = db.prepare(
    'INSERT INTO floor_item (resident_id, section, position, item_json) VALUES (?, ?, ?, ?)',
  );
  const floorHeader = db.prepare(
    'INSERT INTO floor_item (resident_id, section, position, item_json) VALUES (?, ?, 0, ?)',
  );
  // The same rows the store writes, computed once outside the timing.
  const record = parseStructuredRecord(JSON.parse(text), { nhsNumber });
  const rowsOut = SECTIONS.flatMap((s) =>
    (record[s] as object[]).map((item, i) => [s, i, JSON.stringify(item)] as const),
  );

  // The same record with a different bundle id: its raw bundle differs from the stored one, so it is written.
  const changedTexts = [JSON.stringify({ ...bundle, id: 'bench-a' }), JSON.stringify({ ...bundle, id: 'bench-b' })];
  const app: number[] = [];
  const changed: number[] = [];
  const floor: number[] = [];
  const once = (bundleText = text) => {
    const t0 = performance.now();
    const parsed = parseStructuredRecord(JSON.parse(bundleText), { nhsNumber });
    saveGpRecord(db, {
      residentId,
      record: parsed,
      rawBundle: bundleText,
      provenance: { fetchedAt: new Date().toISOString(), endpoint: 'bench', practiceName: null, practiceOdsCode: null },
      fetchedByStaffId: null,
    });
    return performance.now() - t0;
  };
  const floorOnce = () => {
    const t0 = performance.now();
    JSON.parse(text);
    db.transaction(() => {
      db.prepare('DELETE FROM floor_item').run();
      floorHeader.run(residentId, 'raw', text);
      for (const [s, i, json] of rowsOut) floorInsert.run(residentId, s, i + 1, json);
    }).immediate();
    return performance.now() - t0;
  };
  once(); // warm-up: JIT and page cache, not counted
  floorOnce();
  for (let i = 0; i < runs; i++) {
    app.push(once());
    floor.push(floorOnce());
    changed.push(once(changedTexts[i % 2]));
  }
  db.close();
  return {
    figure: 'GP record parse + store',
    value: median(app),
    unit: 'ms',
    peer: 'JSON.parse + plain inserts',
    peerValue: median(floor),
    target: 30,
    targetOn: 'value',
    note: `${resourceCount} resources (consultations_response1 scaled), ${rowsOut.length} item rows, ${(text.length / 1024).toFixed(0)} KB, encrypted store; the same bundle again (raw copy kept), and ${median(changed).toFixed(1)} ms when the bundle changed (raw copy compressed and written)`,
  };
}

async function benchRefresh(runs: number, median: (xs: number[]) => number, dir: string): Promise<BenchRow> {
  const numbers = demoNhsNumbers(100);
  const sandbox = await startGpConnectSandbox();
  numbers.forEach((nhs, i) =>
    sandbox.setRecord(
      nhs,
      demoStructuredBundle({ nhsNumber: nhs, displayName: `Bench ${i}`, dateOfBirth: '1935-01-01', seed: i }),
    ),
  );
  const settings = gpConnectSettings({
    providerBaseUrl: sandbox.url,
    consumerAsid: CONSUMER_ASID,
    providerAsid: PROVIDER_ASID,
    consumerOdsCode: 'VM123',
  });
  const app: number[] = [];
  const floor: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const db = freshStore(dir, `refresh-${run}`);
      const { staffId, ids } = seedHome(db, numbers);
      const service = new RecordsService({
        db,
        reader: db,
        audit: new AuditLog(db, () => new Date()),
        vault: { get: async () => null, set: async () => {}, delete: async () => false },
        now: () => new Date(),
        settings,
      });
      const background = new BackgroundRefresher({
        service,
        residents: () => ids,
        requester: () => ({ staffId, displayName: 'Bench Nurse', role: 'nurse' }),
        now: () => new Date(),
        intervalMs: 3600_000,
        batchSize: settings.refreshBatchSize,
        retryMs: 3600_000,
      });
      let t0 = performance.now();
      await background.runNow();
      const appMs = performance.now() - t0;
      background.stop();
      const status = background.status();
      if (status.done !== 100 || status.failed !== 0) throw new Error(`refresh round: ${JSON.stringify(status)}`);
      db.close();
      // The floor: the same structured-record requests (same headers), in batches of the same size, JSON.parse only.
      t0 = performance.now();
      for (let i = 0; i < numbers.length; i += settings.refreshBatchSize) {
        await Promise.all(
          numbers.slice(i, i + settings.refreshBatchSize).map(async (nhs) => {
            const res = await fetch(`${sandbox.url}/Patient/$gpc.getstructuredrecord`, {
              method: 'POST',
              headers: {
                Accept: 'application/fhir+json',
                'Content-Type': 'application/fhir+json',
                'Ssp-TraceID': crypto.randomUUID(),
                'Ssp-From': CONSUMER_ASID,
                'Ssp-To': PROVIDER_ASID,
                'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1',
                Authorization: `Bearer ${auditJwt({
                  requester: { staffId, displayName: 'Bench Nurse', role: 'nurse' },
                  organisation: { odsCode: 'VM123', name: 'Bench House' },
                  consumerAsid: CONSUMER_ASID,
                  audience: sandbox.url,
                  nowMs: Date.now(),
                  scope: 'patient/*.read',
                })}`,
              },
              body: JSON.stringify(structuredRecordParameters(nhs)),
            });
            JSON.parse(await res.text());
          }),
        );
      }
      const floorMs = performance.now() - t0;
      if (run > 0) {
        // run 0 is the warm-up
        app.push(appMs);
        floor.push(floorMs);
      }
    }
  } finally {
    await sandbox.close();
  }
  return {
    figure: 'refresh 100 residents (loopback)',
    value: median(app),
    unit: 'ms',
    peer: '100 record requests + JSON.parse',
    peerValue: median(floor),
    target: 5000,
    targetOn: 'value',
    note: `up to ${settings.refreshBatchSize} at a time; each refresh = structured record + patient search + document search, parse, store, audit`,
  };
}

export async function benchRecords(runs: number, median: (xs: number[]) => number): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-home-bench-records-'));
  try {
    return [await benchIngest(runs, median, dir), await benchRefresh(Math.min(runs, 5), median, dir)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Standalone: `build/with-keyring.sh node --import tsx tests/bench/records.ts` prints just these figures.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  void benchRecords(7, median).then((rows) => {
    for (const r of rows) {
      console.log(
        `${r.figure}: ${r.value?.toFixed(1)} ${r.unit} (target ${r.target}); ${r.peer}: ${r.peerValue?.toFixed(1)} ${r.unit}; ${r.note ?? ''}`,
      );
    }
  });
}
