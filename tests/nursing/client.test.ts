/**
 * The district nursing client against the sandbox over real HTTP on
 * 127.0.0.1: the search it sends, paging, parsing into visits, and each way
 * the shared care record can fail becoming the right plain-English error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Resource } from 'fhir/r4';
import { NursingClient } from '../../main/services/nursing/nursing-client';
import { NursingFetchError } from '../../main/services/nursing/nursing-errors';
import { parseVisits } from '../../main/services/nursing/parse-visits';
import { syntheticNursingResources } from '../../main/services/nursing/synthetic-visits';
import { startDistrictNursingSandbox, type DistrictNursingSandbox } from '../sandboxes/district-nursing/server';

const NHS = '9990000018';
let sandbox: DistrictNursingSandbox;
before(async () => {
  sandbox = await startDistrictNursingSandbox();
  sandbox.addPatient(NHS, { seed: 1 });
});
after(() => sandbox.close());

async function failure(promise: Promise<unknown>): Promise<NursingFetchError> {
  const error = await promise.then(
    () => assert.fail('the fetch should have failed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof NursingFetchError, `a NursingFetchError, not ${String(error)}`);
  return error;
}

test('one Encounter search by NHS number, with the includes, brings visits with nurse, team, actions and measurements', async () => {
  const client = new NursingClient({ baseUrl: sandbox.url });
  const fetched = await client.fetchVisits(NHS);
  const request = sandbox.requests.at(-1)!;
  assert.equal(request.path, '/fhir/R4/Encounter');
  assert.equal(request.query.get('patient.identifier'), `https://fhir.nhs.uk/Id/nhs-number|${NHS}`);
  assert.match(request.query.get('date') ?? '', /^ge\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(request.query.getAll('_revinclude'), ['Task:encounter', 'Observation:encounter']);
  assert.deepEqual(request.query.getAll('_include'), ['Encounter:participant', 'Encounter:service-provider']);
  assert.equal(request.headers.accept, 'application/fhir+json');
  assert.match(String(request.headers['x-request-id']), /^[0-9a-f-]{36}$/);

  const { visits, unreadable } = parseVisits(fetched.resources);
  assert.equal(unreadable, 0);
  assert.equal(visits.length, 4, 'seed 1 has a visit today and three earlier');
  const latest = visits[0]!;
  assert.equal(latest.team, 'Northfield Community Nursing Team');
  assert.ok(latest.nurse && /Moss|Adeyemi|Rahman/.test(latest.nurse), `a named nurse, got ${latest.nurse}`);
  assert.equal(latest.reason, 'Blood pressure monitoring');
  assert.deepEqual(
    latest.actions.map((a) => [a.description, a.status]),
    [
      ['Checked blood pressure and pulse', 'completed'],
      ['Asked GP to review blood pressure medicine', 'in-progress'],
    ],
  );
  assert.deepEqual(
    latest.observations.map((o) => [o.name, o.value, o.unit]),
    [
      ['Blood pressure', '148/88', 'mm[Hg]'],
      ['Heart rate', '78', 'beats/minute'],
    ],
  );
  assert.equal(latest.notes[0]?.text, 'Blood pressure higher than last week. Staff to report dizziness.');
  for (let i = 1; i < visits.length; i += 1) assert.ok(visits[i - 1]!.start >= visits[i]!.start, 'newest first');
});

test('pages are followed through the next links until the last', async () => {
  const client = new NursingClient({ baseUrl: sandbox.url, pageSize: 1 });
  const before = sandbox.requests.length;
  const fetched = await client.fetchVisits(NHS);
  assert.equal(fetched.pages, 4);
  assert.equal(sandbox.requests.length - before, 4);
  assert.equal(parseVisits(fetched.resources).visits.length, 4, 'no visit lost or doubled across pages');
});

test('an unknown resident is an empty answer, not an error', async () => {
  const fetched = await new NursingClient({ baseUrl: sandbox.url }).fetchVisits('9990000026');
  assert.equal(parseVisits(fetched.resources).visits.length, 0);
});

test('entered-in-error visits are withdrawn, unknown resource types counted, broken entries counted', async () => {
  const resources = syntheticNursingResources('9990000034', new Date(), 2) as Resource[];
  const firstEncounter = resources.find((r) => r.resourceType === 'Encounter')!;
  const withdrawn = { ...firstEncounter, id: 'withdrawn-1', status: 'entered-in-error' } as Resource;
  const broken = { resourceType: 'Task', id: 'broken-1', status: 'finished-ish' } as unknown as Resource;
  const patient = { resourceType: 'Patient', id: 'p1' } as Resource;
  sandbox.addPatient('9990000034', { resources: [...resources, withdrawn, broken, patient] });
  const fetched = await new NursingClient({ baseUrl: sandbox.url }).fetchVisits('9990000034');
  const parsed = parseVisits(fetched.resources);
  assert.deepEqual(parsed.withdrawn, ['withdrawn-1']);
  assert.equal(parsed.otherResources, 1, 'the Patient is counted');
  // The broken Task has no encounter, so the sandbox leaves it out of the _revinclude; check the parser directly.
  assert.equal(parseVisits([broken]).unreadable, 1);
});

test('each failure of the shared care record becomes a clear message of the right kind', async () => {
  const client = new NursingClient({ baseUrl: sandbox.url, timeoutMs: 400 });

  sandbox.failNext({ kind: 'outcome', status: 403, code: 'forbidden', text: 'Client not registered' });
  let e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'refused');
  assert.match(e.message, /refused the request \(error 403\)\. It said: "Client not registered"/);
  assert.match(e.message, /visits already on this laptop are still shown/);
  assert.match(e.message, /tell your IT provider/);

  sandbox.failNext({ kind: 'outcome', status: 503, code: 'transient', text: 'Down for maintenance' });
  e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'server_error');
  assert.match(e.message, /error 503\)\. It said: "Down for maintenance"/);

  sandbox.failNext({ kind: 'server-error' });
  e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'server_error');
  assert.doesNotMatch(e.message, /html/i, 'an HTML error page is not shown to staff');

  sandbox.failNext({ kind: 'malformed' });
  e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'malformed');
  assert.match(e.message, /could not read, so nothing was changed/);

  sandbox.failNext({ kind: 'not-a-bundle' });
  e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'malformed');

  sandbox.failNext({ kind: 'timeout' });
  const started = Date.now();
  e = await failure(client.fetchVisits(NHS));
  assert.equal(e.kind, 'timeout');
  assert.ok(Date.now() - started < 3000, 'the time-out is kept');
  assert.match(e.message, /did not answer within 1 seconds?\./);

  sandbox.failNext({ kind: 'slow', ms: 100 });
  const slowButFine = await client.fetchVisits(NHS);
  assert.ok(slowButFine.resources.length > 0, 'a slow answer inside the time-out is fine');
});

test('a server that is not there is "offline"', async () => {
  const gone = await startDistrictNursingSandbox();
  const url = gone.url;
  await gone.close();
  const e = await failure(new NursingClient({ baseUrl: url }).fetchVisits(NHS));
  assert.equal(e.kind, 'offline');
  assert.match(e.message, /may be offline/);
});

test('a next link to another server is refused, not followed', async () => {
  const resources = syntheticNursingResources('9990000042', new Date(), 4);
  sandbox.addPatient('9990000042', { resources });
  // Page size 1 makes the sandbox send a next link; the client here has a base on another port.
  const other = await startDistrictNursingSandbox();
  after(() => other.close());
  other.addPatient('9990000042', { resources });
  const client = new NursingClient({ baseUrl: other.url, pageSize: 1 });
  // The other sandbox's next links are on its own origin, so they are followed; prove the guard with a forged base.
  const fetched = await client.fetchVisits('9990000042');
  assert.ok(fetched.pages > 1);
  const forged = new NursingClient({ baseUrl: other.url.replace('127.0.0.1', 'localhost'), pageSize: 1 });
  const e = await failure(forged.fetchVisits('9990000042'));
  assert.equal(e.kind, 'malformed');
  assert.match(e.detail, /another server/);
});
