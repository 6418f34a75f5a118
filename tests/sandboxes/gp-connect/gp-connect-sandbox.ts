/**
 * A GP Connect provider for tests and for trying the app without the NHS:
 * node:http (or node:https with client-certificate checking) on 127.0.0.1.
 *
 * It checks what the GP Connect specification asks of a consumer (the Spine
 * Secure Proxy headers, the interaction ID for the path, the unsigned JWT and
 * its audit claims, the Parameters body and the NHS number) and answers as a
 * provider does: structured records (the public GP Connect examples, and
 * synthetic records for the demo residents), HTML sections, documents and
 * Binaries, or OperationOutcome errors. It can be told to fail: any
 * OperationOutcome code, an HTTP status, a hang, a slow answer, malformed
 * JSON, or a bundle that is not a record.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { normaliseNhsNumber } from '../../../common/nhs/nhs-number';
import { INTERACTIONS } from '../../../main/services/records/gp-connect/gp-connect-client';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'gpconnect');
export const CONSUMER_ASID = '200000000359';
export const PROVIDER_ASID = '918999198738';

export type FailureMode =
  | { kind: 'outcome'; code: string; status: number }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'slow'; ms: number }
  | { kind: 'malformed' }
  | { kind: 'notARecord' }
  | { kind: 'huge'; bytes: number };

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly jwt: Record<string, unknown> | null;
  readonly body: unknown;
  /** The client certificate's subject CN, when TLS asked for one. */
  readonly clientCn: string | null;
}

export interface SandboxOptions {
  readonly tls?: { key: string; cert: string; ca: string };
  readonly port?: number;
}

export interface GpConnectSandbox {
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Serve this bundle for this NHS number (its Patient's NHS number is rewritten to match). */
  setRecord(nhsNumber: string, bundle: unknown): void;
  fail(mode: FailureMode | null): void;
  close(): Promise<void>;
}

export function outcome(code: string, severity = 'error', diagnostics?: string): object {
  return {
    resourceType: 'OperationOutcome',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1'] },
    issue: [
      {
        severity,
        code: 'invalid',
        details: {
          coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', code, display: code }],
        },
        ...(diagnostics ? { diagnostics } : {}),
      },
    ],
  };
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STRUCTURED_PARAMETERS = new Set([
  'patientNHSNumber',
  'includeAllergies',
  'includeMedication',
  'includeConsultations',
  'includeProblems',
  'includeImmunisations',
  'includeUncategorisedData',
  'includeInvestigations',
  'includeReferrals',
  'includeDiaryEntries',
]);

function decodeJwt(header: string | undefined): Record<string, unknown> {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) throw new Refusal(400, 'BAD_REQUEST', 'Authorization: Bearer JWT missing');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[2] !== '')
    throw new Refusal(400, 'BAD_REQUEST', 'JWT must be unsigned (a trailing dot)');
  const head = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString()) as Record<string, unknown>;
  if (head['alg'] !== 'none') throw new Refusal(400, 'BAD_REQUEST', 'JWT alg must be none');
  const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as Record<string, unknown>;
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new Refusal(400, 'BAD_REQUEST', `JWT: ${what}`);
  };
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  need(typeof claims['iss'] === 'string', 'iss');
  need(typeof claims['aud'] === 'string', 'aud');
  need(typeof claims['iat'] === 'number' && typeof claims['exp'] === 'number', 'iat/exp');
  need((claims['exp'] as number) - (claims['iat'] as number) === 300, 'exp must be iat + 5 minutes');
  need(claims['reason_for_request'] === 'directcare', 'reason_for_request');
  need(claims['requested_scope'] === 'patient/*.read' || claims['requested_scope'] === 'organization/*.read', 'scope');
  need(obj(claims['requesting_device'])['resourceType'] === 'Device', 'requesting_device');
  need(obj(claims['requesting_organization'])['resourceType'] === 'Organization', 'requesting_organization');
  const practitioner = obj(claims['requesting_practitioner']);
  need(practitioner['resourceType'] === 'Practitioner', 'requesting_practitioner');
  need(practitioner['id'] === claims['sub'], 'sub must be the requesting practitioner');
  need(
    Array.isArray(practitioner['identifier']) && Array.isArray(practitioner['name']),
    'practitioner identifier/name',
  );
  return claims;
}

function withNhsNumber(bundle: unknown, nhsNumber: string, traceId: string): unknown {
  const copy = structuredClone(bundle) as { id?: string; entry?: Array<{ resource: Record<string, unknown> }> };
  copy.id = traceId; // the spec: the Bundle's id is the request's Ssp-TraceID
  for (const e of copy.entry ?? []) {
    if (e.resource['resourceType'] === 'Patient') {
      e.resource['identifier'] = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }];
    }
  }
  return copy;
}

export async function startGpConnectSandbox(options: SandboxOptions = {}): Promise<GpConnectSandbox> {
  const records = new Map<string, unknown>();
  const requests: SeenRequest[] = [];
  let failure: FailureMode | null = null;
  const htmlExample = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'html', 'getcarerecord_response_example.json'), 'utf8'),
  );
  const documents = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'documents', 'documents_response.json'), 'utf8'));
  const binary = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'documents', 'documents_response2.json'), 'utf8'));
  const open = new Set<Socket>();

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'Content-Type': 'application/fhir+json' });
        res.end(text);
      };
      let seen: { jwt: Record<string, unknown> | null; body: unknown } = { jwt: null, body: null };
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const record = () =>
        requests.push({
          method: req.method ?? '',
          path: url.pathname + url.search,
          headers: req.headers,
          jwt: seen.jwt,
          body: seen.body,
          clientCn: peer && 'subject' in peer && peer.subject ? String(peer.subject.CN) : null,
        });
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
        seen = { jwt: null, body };
        // What every request must carry.
        const h = req.headers;
        if (!/^[0-9a-f-]{36}$/i.test(String(h['ssp-traceid'] ?? '')))
          throw new Refusal(400, 'BAD_REQUEST', 'Ssp-TraceID');
        if (h['ssp-from'] !== CONSUMER_ASID)
          throw new Refusal(403, 'ACCESS_DENIED', 'Ssp-From is not the consumer ASID');
        if (h['ssp-to'] !== PROVIDER_ASID) throw new Refusal(403, 'ACCESS_DENIED', 'Ssp-To is not this provider');
        if (!String(h['accept'] ?? '').includes('application/fhir+json'))
          throw new Refusal(400, 'BAD_REQUEST', 'Accept');
        seen.jwt = decodeJwt(h['authorization']);
        record();
        const interaction = String(h['ssp-interactionid'] ?? '');
        const expect = (i: string) => {
          if (interaction !== i) throw new Refusal(400, 'BAD_REQUEST', `Ssp-InteractionID must be ${i}`);
        };

        if (failure) {
          const f = failure;
          if (f.kind === 'hang') return; // never answers
          if (f.kind === 'outcome') return send(f.status, outcome(f.code));
          if (f.kind === 'status') return send(f.status, '<html>Service Unavailable</html>');
          if (f.kind === 'malformed') return send(200, '{"resourceType": "Bundle", "entry": [');
          if (f.kind === 'notARecord') return send(200, { resourceType: 'Patient', id: 'x' });
          if (f.kind === 'huge') return send(200, { resourceType: 'Bundle', padding: 'x'.repeat(f.bytes) });
        }
        const answer = () => {
          if (req.method === 'POST' && url.pathname.endsWith('/Patient/$gpc.getstructuredrecord')) {
            expect(INTERACTIONS.structured);
            if (!String(h['content-type'] ?? '').includes('application/fhir+json'))
              throw new Refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type');
            if (body?.['resourceType'] !== 'Parameters') throw new Refusal(422, 'INVALID_RESOURCE', 'not Parameters');
            const params = (body['parameter'] ?? []) as Array<Record<string, unknown>>;
            for (const p of params)
              if (!STRUCTURED_PARAMETERS.has(String(p['name'])))
                throw new Refusal(422, 'INVALID_PARAMETER', `unknown parameter ${String(p['name'])}`);
            const nhs = params.find((p) => p['name'] === 'patientNHSNumber')?.['valueIdentifier'] as
              { system?: string; value?: string } | undefined;
            if (nhs?.system !== 'https://fhir.nhs.uk/Id/nhs-number')
              throw new Refusal(422, 'INVALID_PARAMETER', 'nhs system');
            if (!nhs.value || normaliseNhsNumber(nhs.value) === null)
              throw new Refusal(400, 'INVALID_NHS_NUMBER', 'bad NHS number');
            const bundle = records.get(nhs.value);
            if (!bundle) throw new Refusal(404, 'PATIENT_NOT_FOUND', 'no such patient');
            return send(200, withNhsNumber(bundle, nhs.value, String(h['ssp-traceid'])));
          }
          if (req.method === 'POST' && url.pathname.endsWith('/Patient/$gpc.getcarerecord')) {
            expect(INTERACTIONS.html);
            const params = ((body?.['parameter'] ?? []) as Array<Record<string, unknown>>) ?? [];
            const nhs = (
              params.find((p) => p['name'] === 'patientNHSNumber')?.['valueIdentifier'] as { value?: string }
            )?.value;
            if (!nhs || normaliseNhsNumber(nhs) === null)
              throw new Refusal(400, 'INVALID_NHS_NUMBER', 'bad NHS number');
            if (!records.has(nhs)) throw new Refusal(404, 'PATIENT_NOT_FOUND', 'no such patient');
            return send(200, htmlExample);
          }
          if (req.method === 'GET' && url.pathname.endsWith('/Patient') && url.searchParams.has('identifier')) {
            expect(INTERACTIONS.patientSearch);
            const nhs = url.searchParams.get('identifier')!.split('|')[1] ?? '';
            const found = records.has(nhs);
            return send(200, {
              resourceType: 'Bundle',
              type: 'searchset',
              entry: found ? [{ resource: { resourceType: 'Patient', id: `p${nhs}` } }] : [],
            });
          }
          const docs = /\/Patient\/p(\d{10})\/DocumentReference$/.exec(url.pathname);
          if (req.method === 'GET' && docs) {
            expect(INTERACTIONS.documentSearch);
            return send(200, documents);
          }
          if (req.method === 'GET' && /\/Binary\/[\w.-]+$/.test(url.pathname)) {
            expect(INTERACTIONS.binary);
            return send(200, binary);
          }
          throw new Refusal(404, 'REFERENCE_NOT_FOUND', `no route ${req.method} ${url.pathname}`);
        };
        if (failure?.kind === 'slow') setTimeout(() => safely(answer), failure.ms);
        else answer();
      } catch (error) {
        if (!requests.some((r) => r.headers === req.headers)) record();
        fromError(error);
      }

      function fromError(error: unknown) {
        if (error instanceof Refusal) send(error.status, outcome(error.code, 'error', error.message));
        else send(400, outcome('BAD_REQUEST', 'error', (error as Error).message));
      }
      function safely(fn: () => void) {
        try {
          fn();
        } catch (error) {
          fromError(error);
        }
      }
    });
  };

  const server = options.tls
    ? https.createServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ca: options.tls.ca,
          requestCert: true,
          rejectUnauthorized: true,
        },
        handler,
      )
    : http.createServer(handler);
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  server.on('secureConnection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/gpconnect/fhir`,
    port,
    requests,
    setRecord: (nhsNumber, bundle) => void records.set(nhsNumber, bundle),
    fail: (mode) => {
      failure = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A fresh trace id (exported for tests that build requests by hand). */
export const traceId = () => randomUUID();
