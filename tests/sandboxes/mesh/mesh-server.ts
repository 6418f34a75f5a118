/**
 * A MESH API test server on 127.0.0.1, written from mesh-api.yaml (API 2.0.0):
 * handshake, inbox with paging, download of single and chunked messages (each
 * chunk kept as the sender encoded it), acknowledgement, send with chunks,
 * tracking, error reports for undelivered messages, workflow checks, `Accept`
 * negotiation (v1 or v2 bodies), the NHSMESH token and, over TLS, client
 * certificates. Faults can be switched on to test the client's recovery.
 *
 * It behaves as the spec says, not as the app's client expects: the client is
 * tested against this, so nothing here reads the client's code.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import zlib from 'node:zlib';
import { TokenChecker } from './mesh-auth';
import { MeshStore, newMessageId, type StoredMessage } from './mesh-store';

export interface MeshServerTls {
  key: string;
  cert: string;
  /** The CA that client certificates must be signed by. */
  ca: string;
}

export interface MeshFaults {
  /** Every response waits this long first. */
  delayMs: number;
  /** Cut the connection after `afterBytes` of the body of chunk `chunk` (of any message), `times` times. */
  dropDuringChunk: { chunk: number; afterBytes: number; times: number } | null;
  /** The next `times` requests are answered with `status` (500, 502, 503…). */
  failWith: { status: number; times: number } | null;
  /** Each message id is listed twice, and the first acknowledgement of each message is "lost": it is offered again. */
  offerTwice: boolean;
  /** The server acts on the next `times` requests whose path contains `path`, then cuts the connection instead of answering. */
  loseAnswer: { method: string; path: string; times: number } | null;
}

export interface MeshServerOptions {
  sharedKey?: string;
  tls?: MeshServerTls;
  now?: () => Date;
  sandboxStore?: string;
}

const V2 = 'application/vnd.mesh.v2+json';
const MAX_REQUEST_BYTES = 100 * 1024 * 1024;
const EXPIRY_DAYS = 5;

type Version = 1 | 2;
interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  version: Version;
  url: URL;
  loseAnswer: boolean;
}

export class MeshTestServer {
  readonly store = new MeshStore();
  readonly faults: MeshFaults = {
    delayMs: 0,
    dropDuringChunk: null,
    failWith: null,
    offerTwice: false,
    loseAnswer: null,
  };
  /** Handshakes seen, per mailbox, with the client's headers. */
  readonly handshakes: { mailbox: string; clientVersion: string; osName: string }[] = [];
  /** Every request, method and path: tests count polls and acknowledgements from it. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  sharedKey: string;
  private readonly server: http.Server | https.Server;
  private readonly sockets = new Set<Socket>();
  private readonly tokens: TokenChecker;
  private readonly now: () => Date;
  private readonly lostAcks = new Set<string>();
  port = 0;

  constructor(private readonly options: MeshServerOptions = {}) {
    this.sharedKey = options.sharedKey ?? 'TestKey';
    this.now = options.now ?? (() => new Date());
    if (options.sandboxStore) this.store.loadSandboxStore(options.sandboxStore);
    this.tokens = new TokenChecker(
      () => this.sharedKey,
      (m) => this.store.mailboxes.get(m)?.password,
      () => this.now().getTime(),
    );
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    this.server = options.tls
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
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Messages not acknowledged within 5 days become undeliverable, and their senders get an error report. */
  expireUndelivered(): string[] {
    const reports: string[] = [];
    const cutoff = this.now().getTime() - EXPIRY_DAYS * 86_400_000;
    for (const m of [...this.store.messages.values()]) {
      if (m.status !== 'accepted' || m.message_type !== 'DATA' || m.upload_timestamp.getTime() > cutoff) continue;
      reports.push(this.undeliverable(m));
    }
    return reports;
  }

  /** Marks one message undeliverable now and puts an error report in its sender's inbox; returns the report's id. */
  undeliverable(m: StoredMessage): string {
    m.status = 'undeliverable';
    m.status_timestamp = this.now();
    const id = newMessageId(this.now());
    this.store.messages.set(id, {
      message_id: id,
      sender: '',
      recipient: m.sender,
      workflow_id: m.workflow_id,
      message_type: 'REPORT',
      status: 'accepted',
      local_id: m.local_id,
      subject: m.subject ? `NDR: ${m.subject}` : 'NDR',
      file_name: '',
      checksum: '',
      content_type: 'application/octet-stream',
      content_encoding: '',
      total_chunks: 0,
      chunks: [],
      upload_timestamp: this.now(),
      status_timestamp: this.now(),
      acknowledged_at: null,
      report: {
        linked_message_id: m.message_id,
        status_code: '14',
        status_event: 'SEND',
        description: `Message not collected by recipient after ${EXPIRY_DAYS} days`,
        to: m.recipient,
      },
    });
    return id;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.on('finish', () =>
      this.requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode }),
    );
    if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    const accept = String(req.headers.accept ?? '');
    const lose = this.faults.loseAnswer;
    const loseAnswer = !!lose && lose.times > 0 && req.method === lose.method && url.pathname.includes(lose.path);
    if (loseAnswer) lose.times--;
    const ctx: Ctx = { req, res, url, version: accept.toLowerCase().includes(V2) ? 2 : 1, loseAnswer };
    try {
      const fail = this.faults.failWith;
      if (fail && fail.times > 0) {
        fail.times--;
        return send(ctx, fail.status, { detail: 'Service unavailable (injected fault)' }, 'application/json');
      }
      await this.route(ctx);
    } catch (error) {
      if (!res.headersSent) send(ctx, 500, { detail: (error as Error).message }, 'application/json');
      else res.destroy();
    }
  }

  private async route(ctx: Ctx): Promise<void> {
    const { req, url } = ctx;
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'messageexchange' || parts.length < 2) return notFound(ctx);
    if (parts[1] === 'endpointlookup' || parts[1] === 'workflowsearch') return this.lookup(ctx, parts);
    const mailbox = parts[1]!;
    if (!this.clientCertificateOk(ctx)) return;
    const refusal = this.tokens.check(req.headers.authorization, mailbox);
    if (refusal) return meshError(ctx, 403, { event: 'AUTH', code: '403', msg: refusal });
    const rest = parts.slice(2);
    const m = req.method;
    if (rest.length === 0 && m === 'POST') return this.handshake(ctx, mailbox);
    if (rest[0] === 'inbox' && rest.length === 1 && m === 'GET') return this.listInbox(ctx, mailbox);
    if (rest[0] === 'count' && rest.length === 1 && m === 'GET')
      return json(ctx, 200, { count: this.store.inbox(mailbox).length });
    if (rest[0] === 'inbox' && rest.length === 2 && (m === 'GET' || m === 'HEAD'))
      return this.download(ctx, mailbox, rest[1]!, 1);
    if (rest[0] === 'inbox' && rest.length === 3 && m === 'GET') {
      const n = Number(rest[2]);
      if (!Number.isInteger(n) || n < 1)
        return validation(ctx, ['path', 'chunk_number'], 'ensure this value is greater than or equal to 1');
      return this.download(ctx, mailbox, rest[1]!, n);
    }
    if (rest[0] === 'inbox' && rest.length === 4 && rest[2] === 'status' && rest[3] === 'acknowledged' && m === 'PUT')
      return this.acknowledge(ctx, mailbox, rest[1]!);
    if (rest[0] === 'outbox' && rest[1] === 'tracking' && m === 'GET') return this.track(ctx, mailbox, rest[2]);
    if (rest[0] === 'outbox' && rest.length === 1 && m === 'POST') return this.sendMessage(ctx, mailbox);
    if (rest[0] === 'outbox' && rest.length === 3 && m === 'POST')
      return this.sendChunk(ctx, mailbox, rest[1]!, rest[2]!);
    return notFound(ctx);
  }

  /** Over TLS the client must present a certificate from our CA (checked in the handshake) named like a MESH client. */
  private clientCertificateOk(ctx: Ctx): boolean {
    if (!this.options.tls) return true;
    const cert = (ctx.req.socket as TLSSocket).getPeerCertificate();
    const cn = cert?.subject?.CN;
    if (typeof cn === 'string' && /\.api\.mesh-client\.nhs\.uk$/i.test(cn)) return true;
    meshError(ctx, 403, { event: 'AUTH', code: '403', msg: 'Client certificate is not a MESH client certificate' });
    return false;
  }

  private handshake(ctx: Ctx, mailbox: string): void {
    const h = ctx.req.headers;
    for (const name of ['mex-clientversion', 'mex-osname', 'mex-osversion']) {
      if (!h[name]) return validation(ctx, ['header', name], 'field required');
    }
    this.handshakes.push({ mailbox, clientVersion: String(h['mex-clientversion']), osName: String(h['mex-osname']) });
    json(ctx, 200, { mailbox_id: mailbox });
  }

  private listInbox(ctx: Ctx, mailbox: string): void {
    const q = ctx.url.searchParams;
    const maxText = q.get('max_results');
    const max = maxText === null ? 500 : Number(maxText);
    if (!Number.isInteger(max) || max < 10 || max > 5000)
      return validation(ctx, ['query', 'max_results'], 'ensure this value is between 10 and 5000');
    let messages = this.store.inbox(mailbox);
    const workflowFilter = q.get('workflow_filter');
    if (workflowFilter !== null)
      messages = messages.filter((m) => matchesWorkflowFilter(m.workflow_id, workflowFilter));
    const from = q.get('continue_from');
    if (from !== null) {
      if (from.length < 24 || from.length > 1000)
        return validation(ctx, ['query', 'continue_from'], 'ensure this value has between 24 and 1000 characters');
      const last = decodeContinueFrom(from, ctx.version);
      if (last === null) return validation(ctx, ['query', 'continue_from'], 'invalid continue_from');
      messages = messages.filter((m) => m.message_id > last);
    }
    const page = messages.slice(0, max);
    let ids = page.map((m) => m.message_id);
    if (this.faults.offerTwice) ids = ids.flatMap((id) => [id, id]);
    if (ctx.version === 1) return json(ctx, 200, { messages: ids });
    const base = `/messageexchange/${mailbox}/inbox?max_results=${max}`;
    const links: Record<string, string> = { self: base + (from ? `&continue_from=${encodeURIComponent(from)}` : '') };
    if (messages.length > max) {
      const token = Buffer.from(JSON.stringify({ last: page[page.length - 1]!.message_id })).toString('base64');
      links.next = `${base}&continue_from=${encodeURIComponent(token)}`;
    }
    json(ctx, 200, { messages: ids, links, approx_inbox_count: messages.length });
  }

  private download(ctx: Ctx, mailbox: string, id: string, n: number): void {
    const m = this.store.messages.get(id);
    if (!m || m.recipient !== mailbox)
      return meshError(ctx, 404, { event: 'RECEIVE', code: '20', msg: 'Message does not exist', id });
    if (m.status !== 'accepted')
      return meshError(ctx, 410, {
        event: 'SEND',
        code: 'Message already accepted',
        msg: 'Message no longer available for download',
        id,
      });
    const headers = messageHeaders(m);
    if (m.message_type === 'REPORT') {
      if (n !== 1) return meshError(ctx, 404, { event: 'RECEIVE', code: '20', msg: 'Message does not exist', id });
      ctx.res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': '0' });
      return void ctx.res.end();
    }
    if (n > m.total_chunks)
      return meshError(ctx, 404, { event: 'RECEIVE', code: '20', msg: 'Message does not exist', id });
    const stored = m.chunks[n - 1];
    if (!stored)
      return meshError(ctx, 404, { event: 'COLLECT', code: '02', msg: 'Data file is missing or inaccessible.', id });
    const acceptsGzip = /\bgzip\b/i.test(String(ctx.req.headers['accept-encoding'] ?? ''));
    // Chunks are kept as the sender encoded them; a client that cannot take gzip gets them decoded.
    const gz = m.content_encoding === 'gzip';
    const body = gz && !acceptsGzip ? zlib.gunzipSync(stored) : stored;
    const status = n < m.total_chunks ? 206 : 200;
    ctx.res.writeHead(status, {
      ...headers,
      'content-type': m.content_type || 'application/octet-stream',
      'content-length': String(body.length),
      'mex-chunk-range': `${n}:${m.total_chunks}`,
      ...(gz && acceptsGzip ? { 'content-encoding': 'gzip' } : {}),
    });
    if (ctx.req.method === 'HEAD') return void ctx.res.end();
    const drop = this.faults.dropDuringChunk;
    if (drop && drop.chunk === n && drop.times > 0) {
      drop.times--;
      ctx.res.write(body.subarray(0, Math.min(drop.afterBytes, body.length - 1)));
      setTimeout(() => ctx.req.socket.destroy(), 20);
      return;
    }
    ctx.res.end(body);
  }

  private acknowledge(ctx: Ctx, mailbox: string, id: string): void {
    const m = this.store.messages.get(id);
    if (!m || m.recipient !== mailbox)
      return meshError(ctx, 404, { event: 'RECEIVE', code: '20', msg: 'Message does not exist', id });
    if (this.faults.offerTwice && !this.lostAcks.has(id)) {
      // The acknowledgement is answered but "lost": the message stays in the inbox and is offered again.
      this.lostAcks.add(id);
    } else if (m.status === 'accepted') {
      m.status = 'acknowledged';
      m.acknowledged_at = this.now();
      m.status_timestamp = this.now();
    }
    if (ctx.version === 2) {
      ctx.res.writeHead(200, { 'content-type': V2, 'content-length': '0' });
      return void ctx.res.end();
    }
    json(ctx, 200, { messageId: id });
  }

  private async sendMessage(ctx: Ctx, mailbox: string): Promise<void> {
    const h = ctx.req.headers;
    const header = (name: string) => (typeof h[name] === 'string' ? h[name] : '');
    for (const name of ['mex-to', 'mex-workflowid']) {
      if (!header(name)) return validation(ctx, ['header', name], 'field required');
    }
    const from = header('mex-from');
    if (from && from !== mailbox)
      return meshError(ctx, 417, { event: 'SEND', code: '07', msg: 'Invalid From Address in the control file' });
    const to = header('mex-to');
    if (!this.store.mailboxes.has(to))
      return meshError(ctx, 417, { event: 'SEND', code: '12', msg: 'Unregistered to address' });
    const workflowId = header('mex-workflowid');
    const wf = this.store.workflows.get(workflowId);
    if (!wf || !wf.senders.includes(mailbox) || !wf.receivers.includes(to))
      return meshError(ctx, 417, { event: 'SEND', code: '17', msg: 'Workflow ID not registered for mailbox' });
    const range = parseChunkRange(header('mex-chunk-range') || '1:1');
    if (!range || range.n !== 1)
      return meshError(ctx, 417, {
        event: 'SEND',
        code: 'InvalidHeaderChunks',
        msg: 'Invalid chunk values sent in mex-Chunk-Range header',
      });
    const encoding = header('content-encoding').toLowerCase();
    if (encoding && encoding !== 'gzip')
      return meshError(ctx, 417, {
        event: 'SEND',
        code: 'UnsupportedContentEncoding',
        msg: 'Unsupported content encoding',
      });
    const body = await readBody(ctx);
    if (!body) return;
    if (encoding === 'gzip' && !isGzip(body))
      return meshError(ctx, 417, {
        event: 'SEND',
        code: 'Invalid file format',
        msg: 'File Level Error (file not formed correctly)',
      });
    const id = newMessageId(this.now());
    const chunks: (Buffer | undefined)[] = new Array(range.total).fill(undefined);
    chunks[0] = body;
    this.store.messages.set(id, {
      message_id: id,
      sender: mailbox,
      recipient: to,
      workflow_id: workflowId,
      message_type: 'DATA',
      status: range.total === 1 ? 'accepted' : 'uploading',
      local_id: header('mex-localid'),
      subject: header('mex-subject'),
      file_name: header('mex-filename'),
      checksum: header('mex-content-checksum'),
      content_type: header('content-type') || 'application/octet-stream',
      content_encoding: encoding,
      total_chunks: range.total,
      chunks,
      upload_timestamp: this.now(),
      status_timestamp: this.now(),
      acknowledged_at: null,
    });
    json(ctx, 202, ctx.version === 2 ? { message_id: id } : { messageID: id });
  }

  private async sendChunk(ctx: Ctx, mailbox: string, id: string, chunkText: string): Promise<void> {
    const m = this.store.messages.get(id);
    if (!m || m.sender !== mailbox)
      return meshError(ctx, 404, { event: 'SEND', code: '20', msg: 'Message does not exist', id });
    if (m.status !== 'uploading') {
      ctx.res.writeHead(423, { 'content-type': 'application/json' });
      return void ctx.res.end(JSON.stringify({ detail: 'Message has been finalised; no more chunks can be uploaded' }));
    }
    const n = Number(chunkText);
    const header = ctx.req.headers['mex-chunk-range'];
    const range = parseChunkRange(typeof header === 'string' ? header : `${n}:${m.total_chunks}`);
    if (!Number.isInteger(n) || !range || range.n !== n || range.total !== m.total_chunks || n < 2)
      return meshError(ctx, 417, {
        event: 'SEND',
        code: 'InvalidHeaderChunks',
        msg: 'Invalid chunk values sent in mex-Chunk-Range header',
        id,
      });
    const encoding = String(ctx.req.headers['content-encoding'] ?? '').toLowerCase();
    if (encoding !== m.content_encoding)
      return meshError(ctx, 417, {
        event: 'SEND',
        code: 'UnsupportedContentEncoding',
        msg: 'cannot change content encoding',
        id,
      });
    const body = await readBody(ctx);
    if (!body) return;
    // Sending a chunk again before the message is complete replaces it (a client retrying after a lost answer).
    m.chunks[n - 1] = body;
    if (m.chunks.every(Boolean)) {
      m.status = 'accepted';
      m.status_timestamp = this.now();
    }
    json(ctx, 202, ctx.version === 2 ? { message_id: id } : { messageID: id });
  }

  private track(ctx: Ctx, mailbox: string, localId: string | undefined): void {
    let m: StoredMessage | undefined;
    if (localId !== undefined) {
      // The deprecated form, by the sender's local id (v1 body only; 300 when not unique).
      const matches = [...this.store.messages.values()].filter((x) => x.sender === mailbox && x.local_id === localId);
      if (matches.length > 1) return json(ctx, 300, { detail: 'Multiple Choices, the local_id is not unique' });
      m = matches[0];
      if (!m) return meshError(ctx, 404, { event: 'TRACK', code: '20', msg: 'Message does not exist' });
      return json(ctx, 200, trackingV1(m, this.store), 'application/json');
    }
    const id = ctx.url.searchParams.get('messageID');
    if (!id) return validation(ctx, ['query', 'messageID'], 'field required');
    m = this.store.messages.get(id);
    if (!m || m.sender !== mailbox)
      return meshError(ctx, 404, { event: 'TRACK', code: '20', msg: 'Message does not exist', id });
    json(ctx, 200, ctx.version === 2 ? trackingV2(m, this.store) : trackingV1(m, this.store));
  }

  private lookup(ctx: Ctx, parts: string[]): void {
    const [ods, workflowId] = parts[1] === 'endpointlookup' ? [parts[2], parts[3]] : [undefined, parts[2]];
    const wf = workflowId ? this.store.workflows.get(workflowId) : undefined;
    const found = [...this.store.mailboxes.values()].filter(
      (mb) => (ods === undefined || mb.ods_code === ods) && (wf?.receivers.includes(mb.mailbox_id) ?? false),
    );
    if (ctx.version === 2 || parts[1] === 'workflowsearch')
      return json(ctx, 200, {
        results: found.map((mb) => ({ mailbox_id: mb.mailbox_id, mailbox_name: mb.mailbox_name })),
      });
    json(ctx, 200, {
      query_id: newMessageId(this.now()),
      results: found.map((mb) => ({ endpoint_type: 'MESH', description: mb.mailbox_name, address: mb.mailbox_id })),
    });
  }
}

function messageHeaders(m: StoredMessage): Record<string, string> {
  const h: Record<string, string> = {
    'mex-messageid': m.message_id,
    'mex-messagetype': m.message_type,
    'mex-workflowid': m.workflow_id,
    'mex-from': m.sender,
    'mex-to': m.report ? m.report.to : m.recipient,
    'mex-addresstype': 'ALL',
    'mex-version': '1.0',
    'mex-content-compressed': 'N',
  };
  if (m.local_id) h['mex-localid'] = m.local_id;
  if (m.subject) h['mex-subject'] = m.subject;
  if (m.file_name) h['mex-filename'] = m.file_name;
  if (m.checksum) h['mex-content-checksum'] = m.checksum;
  if (m.report) {
    Object.assign(h, {
      'mex-statusevent': m.report.status_event,
      'mex-linkedmsgid': m.report.linked_message_id,
      'mex-statustimestamp': meshStamp(m.status_timestamp),
      'mex-statuscode': m.report.status_code,
      'mex-statussuccess': 'ERROR',
      'mex-statusdescription': m.report.description,
    });
  } else {
    Object.assign(h, {
      'mex-statussuccess': 'SUCCESS',
      'mex-statuscode': '00',
      'mex-statusevent': 'TRANSFER',
      'mex-statusdescription': 'Transferred to recipient mailbox',
      'mex-statustimestamp': meshStamp(m.status_timestamp),
    });
  }
  return h;
}

function trackingV2(m: StoredMessage, store: MeshStore): Record<string, unknown> {
  const r = store.mailboxes.get(m.recipient);
  const failed = m.status === 'undeliverable' || m.status === 'error';
  return {
    message_id: m.message_id,
    local_id: m.local_id,
    workflow_id: m.workflow_id,
    filename: m.file_name,
    expiry_time: new Date(m.upload_timestamp.getTime() + EXPIRY_DAYS * 86_400_000).toISOString(),
    upload_timestamp: m.upload_timestamp.toISOString(),
    recipient: m.recipient,
    recipient_name: r?.mailbox_name ?? '',
    recipient_ods_code: r?.ods_code ?? '',
    recipient_org_code: r?.org_code ?? '',
    recipient_org_name: r?.mailbox_name ?? '',
    status_success: !failed,
    status: m.status,
    status_event: failed ? 'SEND' : 'TRANSFER',
    status_timestamp: m.status_timestamp.toISOString(),
    status_description: failed ? `Message not collected by recipient after ${EXPIRY_DAYS} days` : 'Success',
    status_code: failed ? '14' : '00',
  };
}

function trackingV1(m: StoredMessage, store: MeshStore): Record<string, unknown> {
  const r = store.mailboxes.get(m.recipient);
  return {
    addressType: 'ALL',
    chunkCount: m.total_chunks,
    contentEncoding: m.content_encoding,
    dtsId: m.message_id,
    messageId: m.message_id,
    fileName: m.file_name,
    fileSize: m.chunks.reduce((n, c) => n + (c?.length ?? 0), 0),
    localId: m.local_id,
    messageType: m.message_type,
    recipient: m.recipient,
    recipientName: r?.mailbox_name ?? '',
    sender: m.sender,
    status: m.status.charAt(0).toUpperCase() + m.status.slice(1),
    uploadTimestamp: meshStamp(m.upload_timestamp),
    workflowId: m.workflow_id,
    version: '1.0',
  };
}

/** `yyyyMMddHHmmss`, as the spec's tracking and status headers show. */
function meshStamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function parseChunkRange(text: string): { n: number; total: number } | null {
  const m = /^(\d+):(\d+)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const total = Number(m[2]);
  return n >= 1 && total >= 1 && n <= total ? { n, total } : null;
}

function decodeContinueFrom(token: string, version: Version): string | null {
  if (version === 1) return token;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { last?: unknown };
    return typeof parsed.last === 'string' ? parsed.last : null;
  } catch {
    return null;
  }
}

/** The spec's workflow_filter: =X, =!X, =X*, =!X*, =*X*, =!*X* (the leading '=' is the query's own). */
function matchesWorkflowFilter(workflowId: string, filter: string): boolean {
  const negate = filter.startsWith('!');
  const f = negate ? filter.slice(1) : filter;
  let hit: boolean;
  if (f.startsWith('*') && f.endsWith('*') && f.length > 1) hit = workflowId.includes(f.slice(1, -1));
  else if (f.endsWith('*')) hit = workflowId.startsWith(f.slice(0, -1));
  else hit = workflowId === f;
  return negate ? !hit : hit;
}

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

async function readBody(ctx: Ctx): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of ctx.req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_REQUEST_BYTES) {
      meshError(ctx, 413, {
        event: 'SEND',
        code: '413',
        msg: 'The largest request MESH accepts is 100MB; send a chunked message',
      });
      ctx.req.destroy();
      return null;
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
}

function send(ctx: Ctx, status: number, body: unknown, contentType: string): void {
  if (ctx.loseAnswer) return void ctx.req.socket.destroy();
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}

function json(ctx: Ctx, status: number, body: unknown, contentType?: string): void {
  send(ctx, status, body, contentType ?? (ctx.version === 2 ? V2 : 'application/json'));
}

/** The spec's MeshError: v2 `{message_id, internal_id, detail: [{event, code, msg}]}`, v1 `{messageID, errorEvent, errorCode, errorDescription}`. */
function meshError(ctx: Ctx, status: number, e: { event: string; code: string; msg: string; id?: string }): void {
  const internal = newMessageId(new Date());
  if (ctx.version === 2) {
    return json(ctx, status, {
      ...(e.id ? { message_id: e.id } : {}),
      internal_id: internal,
      detail: [{ event: e.event, code: e.code, msg: e.msg }],
    });
  }
  json(ctx, status, {
    ...(e.id ? { messageID: e.id } : {}),
    errorEvent: e.event,
    errorCode: e.code,
    errorDescription: e.msg,
  });
}

/** The spec's HTTPValidationError (400). */
function validation(ctx: Ctx, loc: string[], msg: string): void {
  send(ctx, 400, { detail: [{ loc, msg, type: 'value_error' }] }, 'application/json');
}

function notFound(ctx: Ctx): void {
  send(ctx, 404, { detail: 'Not Found' }, 'application/json');
}
