/**
 * A district nursing FHIR R4 sandbox: a stand-in for a local shared care
 * record on 127.0.0.1, serving synthetic visits (Encounters with their Tasks,
 * Observations, nurses and team) for the NHS numbers it is given, and failing
 * on request the ways a real server does: an OperationOutcome with a 4xx or
 * 5xx, a bare 500, no answer at all, slow answers, broken JSON.
 *
 * It checks the search as a FHIR server would: the path, Accept, X-Request-ID,
 * `patient.identifier` with the NHS number system, `date=ge…`, and pages with
 * `_count` and a `next` link.
 *
 *   const sandbox = await startDistrictNursingSandbox();
 *   sandbox.addPatient('9990000018', { seed: 1 });
 *   sandbox.failNext({ kind: 'outcome', status: 404, code: 'not-found', text: 'No such service' });
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, Encounter, OperationOutcome, Resource } from 'fhir/r4';
import { NHS_NUMBER_SYSTEM } from '../../../main/services/nursing/nursing-client';
import { asSearchEntries, syntheticNursingResources } from '../../../main/services/nursing/synthetic-visits';

export type SandboxFailure =
  | { kind: 'outcome'; status: number; code: string; text: string }
  | { kind: 'server-error' } // a bare 500 with an HTML body, as a proxy sends
  | { kind: 'timeout' } // accepts the request and never answers
  | { kind: 'malformed' } // 200 with broken JSON
  | { kind: 'not-a-bundle' } // 200 with valid JSON that is not a searchset Bundle
  | { kind: 'slow'; ms: number }; // answers correctly, late

export interface SandboxRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

export interface DistrictNursingSandbox {
  /** The FHIR base address to put in the policy's endpoints.districtNursing. */
  readonly url: string;
  readonly requests: SandboxRequest[];
  /** Serve synthetic visits for this NHS number (or exactly these resources). */
  addPatient(nhsNumber: string, options?: { seed?: number; resources?: Resource[] }): void;
  /** The next `times` searches fail this way. */
  failNext(failure: SandboxFailure, times?: number): void;
  close(): Promise<void>;
}

export async function startDistrictNursingSandbox(options: { now?: () => Date } = {}): Promise<DistrictNursingSandbox> {
  const now = options.now ?? (() => new Date());
  const patients = new Map<string, Resource[] | number>();
  const failures: SandboxFailure[] = [];
  const requests: SandboxRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  let base = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const failure = failures.shift();
    if (failure?.kind === 'timeout') {
      hanging.add(res);
      return;
    }
    if (failure?.kind === 'server-error') {
      res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
      return;
    }
    if (failure?.kind === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/fhir+json' }).end('{"resourceType":"Bundle","entry":[{');
      return;
    }
    if (failure?.kind === 'not-a-bundle') {
      send(res, 200, { resourceType: 'Patient', id: 'x' });
      return;
    }
    if (failure?.kind === 'outcome') {
      send(res, failure.status, outcome(failure.code, failure.text));
      return;
    }
    const answer = () => search(req, url, res);
    if (failure?.kind === 'slow') setTimeout(answer, failure.ms);
    else answer();
  });

  function search(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, outcome('not-supported', 'Only GET searches are supported'));
    if (url.pathname !== '/fhir/R4/Encounter') return send(res, 404, outcome('not-found', 'Unknown resource type'));
    if (!/application\/(fhir\+)?json/.test(req.headers.accept ?? ''))
      return send(res, 406, outcome('not-supported', 'Accept must be application/fhir+json'));
    if (!req.headers['x-request-id']) return send(res, 400, outcome('required', 'X-Request-ID header is required'));
    const q = url.searchParams;
    const identifier = q.get('patient.identifier') ?? '';
    const [system, nhsNumber] = identifier.split('|');
    if (system !== NHS_NUMBER_SYSTEM || !/^\d{10}$/.test(nhsNumber ?? ''))
      return send(res, 400, outcome('invalid', `patient.identifier must be ${NHS_NUMBER_SYSTEM}|<NHS number>`));
    const dateParam = q.get('date');
    const since = dateParam?.startsWith('ge') ? new Date(dateParam.slice(2)) : null;
    if (dateParam && (!since || Number.isNaN(since.getTime())))
      return send(res, 400, outcome('invalid', 'date must be ge<date>'));

    const entry = patients.get(nhsNumber!);
    const all =
      entry === undefined
        ? []
        : typeof entry === 'number'
          ? syntheticNursingResources(nhsNumber!, now(), entry)
          : entry;
    const revincludes = q.getAll('_revinclude');
    const includes = q.getAll('_include');
    const encounters = all
      .filter((r): r is Encounter => r.resourceType === 'Encounter')
      .filter((e) => !since || new Date(e.period?.start ?? 0).getTime() >= since.getTime())
      .sort((a, b) => (b.period?.start ?? '').localeCompare(a.period?.start ?? ''));
    const count = Math.max(1, Math.min(100, Number(q.get('_count') ?? '50') || 50));
    const offset = Math.max(0, Number(q.get('_offset') ?? '0') || 0);
    const page = encounters.slice(offset, offset + count);
    const keys = new Set(page.map((e) => `Encounter/${e.id}`));
    const linked = (r: Resource) => {
      const ref = (r as { encounter?: { reference?: string } }).encounter?.reference;
      return ref !== undefined && keys.has(ref);
    };
    const resources: Resource[] = [...page];
    if (revincludes.includes('Task:encounter'))
      resources.push(...all.filter((r) => r.resourceType === 'Task' && linked(r)));
    if (revincludes.includes('Observation:encounter'))
      resources.push(...all.filter((r) => r.resourceType === 'Observation' && linked(r)));
    if (includes.includes('Encounter:participant'))
      resources.push(...all.filter((r) => r.resourceType === 'Practitioner'));
    if (includes.includes('Encounter:service-provider'))
      resources.push(...all.filter((r) => r.resourceType === 'Organization'));
    // Resources we were given that are none of the above (a Patient, say) come as includes, as some servers do.
    resources.push(
      ...all.filter(
        (r) => !['Encounter', 'Task', 'Observation', 'Practitioner', 'Organization'].includes(r.resourceType),
      ),
    );

    const self = new URL(url.pathname + url.search, base);
    const link: Bundle['link'] = [{ relation: 'self', url: self.href }];
    if (offset + count < encounters.length) {
      const next = new URL(self);
      next.searchParams.set('_offset', String(offset + count));
      link.push({ relation: 'next', url: next.href });
    }
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: 'searchset',
      total: encounters.length,
      link,
      entry: asSearchEntries(resources, `${base.replace(/\/$/, '')}`),
    };
    send(res, 200, bundle);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/fhir/R4/`;

  return {
    url: base.replace(/\/$/, ''),
    requests,
    addPatient(nhsNumber, opts = {}) {
      patients.set(nhsNumber, opts.resources ?? opts.seed ?? 0);
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(failure);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function outcome(code: string, text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: code as OperationOutcome['issue'][number]['code'], details: { text } }],
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/fhir+json' }).end(JSON.stringify(body));
}
