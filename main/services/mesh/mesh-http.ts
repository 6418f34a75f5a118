/**
 * One MESH request: the Authorization token made fresh, `Accept` for API v2,
 * TLS with the mailbox's client certificate, a time-out, and the response
 * body left as a stream so that a 100 MB chunk never sits in memory whole.
 * Refusals become MeshProblems with the sentence for them.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import { z } from 'zod';
import type { ClientCertificate } from './mesh-credentials';
import {
  certificateRefused,
  MeshProblem,
  problemFromNetwork,
  problemFromStatus,
  type MeshErrorDetail,
} from './mesh-problem';
import { meshToken, type MeshSecrets } from './mesh-token';

export const MESH_V2 = 'application/vnd.mesh.v2+json';

export interface MeshConnectionOptions {
  /** The MESH base address from the policy, e.g. https://msg.intspineservices.nhs.uk */
  readonly endpoint: string;
  readonly secrets: MeshSecrets;
  readonly certificate: ClientCertificate | null;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export interface MeshResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: http.IncomingMessage;
}

export interface RequestContext {
  recipient?: string;
  workflowId?: string;
  messageId?: string;
}

const ErrorBody = z.union([
  z.object({ detail: z.array(z.object({ code: z.string().optional(), msg: z.string().optional() }).loose()) }).loose(),
  z.object({ errorCode: z.string().optional(), errorDescription: z.string().optional() }).loose(),
  z.object({ detail: z.string() }).loose(),
]);

export class MeshConnection {
  readonly timeoutMs: number;
  readonly now: () => Date;
  private readonly base: URL;
  private readonly agent: http.Agent;

  constructor(readonly options: MeshConnectionOptions) {
    this.base = new URL(options.endpoint);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
    const cert = options.certificate;
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ...(cert ? { key: cert.key, cert: cert.cert, ca: [...tls.rootCertificates, ...cert.ca] } : {}),
          })
        : new http.Agent({ keepAlive: true });
  }

  get mailboxId(): string {
    return this.options.secrets.mailboxId;
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends the request; resolves once the status and headers are in (2xx only), with the body still to read. */
  request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer | Readable,
    context: RequestContext = {},
  ): Promise<MeshResponse> {
    const url = new URL(path, this.base);
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise<MeshResponse>((resolve, reject) => {
      let securedAt = 0;
      let answered = false;
      const fail = (error: unknown) => {
        if (error instanceof MeshProblem) return reject(error);
        const e = error as NodeJS.ErrnoException;
        // Under TLS 1.3 a server that refuses the client certificate just closes the new connection
        // straight after the handshake: no alert reaches us, only a reset before any answer.
        const resetAfterHandshake =
          this.options.certificate !== null &&
          securedAt > 0 &&
          !answered &&
          Date.now() - securedAt < 2_000 &&
          (e.code === 'ECONNRESET' || /socket hang up/i.test(e.message));
        reject(
          resetAfterHandshake
            ? certificateRefused(this.mailboxId)
            : problemFromNetwork(e, this.base.host, this.mailboxId, this.timeoutMs),
        );
      };
      const req = lib.request(url, {
        method,
        agent: this.agent,
        headers: {
          accept: MESH_V2,
          'accept-encoding': 'gzip',
          authorization: meshToken(this.options.secrets, this.now()),
          ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}),
          ...headers,
        },
      });
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(Object.assign(new Error('timed out'), { code: 'MESH_TIMEOUT' })),
      );
      req.on('error', fail);
      req.on('socket', (socket) => {
        if (!req.reusedSocket) socket.once('secureConnect', () => (securedAt = Date.now()));
      });
      req.on('response', (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve({ status, headers: res.headers, body: res });
        readSmall(res)
          .then((text) => {
            const serverDate = Date.parse(String(res.headers.date ?? ''));
            const skewMs = Number.isFinite(serverDate) ? this.now().getTime() - serverDate : null;
            // A 423 on a chunk upload is an answer, not a failure: the caller decides what it means.
            if (status === 423) return resolve({ status, headers: res.headers, body: res });
            reject(
              problemFromStatus(status, parseErrorDetail(text), {
                mailboxId: this.mailboxId,
                skewMs: skewMs === null ? null : -skewMs,
                ...context,
              }),
            );
          })
          .catch(fail);
      });
      if (body === undefined) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else {
        body.on('error', (e) => req.destroy(e));
        body.pipe(req);
      }
    });
  }

  /** A JSON answer, checked against its schema: anything else is a clear "bad answer" problem. */
  async json<T>(res: MeshResponse, schema: z.ZodType<T>, what: string): Promise<T> {
    const text = await readSmall(res.body);
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new MeshProblem(
        'bad_answer',
        `MESH answered the ${what} request in a form the app does not understand, so it was not used.`,
        res.status,
      );
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseErrorDetail(text: string): MeshErrorDetail | null {
  const parsed = ErrorBody.safeParse(safeJson(text));
  if (!parsed.success) return null;
  const d = parsed.data;
  if ('detail' in d && Array.isArray(d.detail)) return { code: d.detail[0]?.code ?? '', msg: d.detail[0]?.msg ?? '' };
  if ('detail' in d && typeof d.detail === 'string') return { code: '', msg: d.detail };
  if ('errorCode' in d) return { code: String(d.errorCode ?? ''), msg: String(d.errorDescription ?? '') };
  return null;
}

const MAX_SMALL_BODY = 1024 * 1024;

/** Reads a JSON or error body (at most 1 MB; MESH's are tiny). */
export async function readSmall(res: Readable): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of res as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_SMALL_BODY) {
      res.destroy();
      throw new MeshProblem(
        'bad_answer',
        'MESH sent a far larger answer than expected, so the app stopped reading it.',
      );
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}
