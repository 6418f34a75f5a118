/**
 * One HTTP(S) exchange with a GP Connect provider, with the limits every
 * request must have: a deadline for the whole exchange (connecting, sending,
 * and the body arriving, so a slow trickle times out too), and a size limit
 * on the response, checked as it arrives. TLS presents the laptop's client
 * certificate when one is given (mutual TLS, as the Spine Secure Proxy needs).
 */
import http from 'node:http';
import https from 'node:https';
import { errorFromTransport, GpConnectError } from './gp-connect-error';

export interface ClientTls {
  readonly keyPem: string;
  readonly certPem: string;
  /** Extra certificate authorities to trust for the provider (PEM), in addition to the system's. */
  readonly caPem: string | null;
}

export interface HttpExchange {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly tls: ClientTls | null;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export function exchange(request: HttpExchange): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const isHttps = url.protocol === 'https:';
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(errorFromTransport(error));
      else resolve(answer!);
    };
    const options: https.RequestOptions = {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(request.body)) } : {}),
      },
      // A fresh connection each time: the client certificate and trust are per request, never pooled.
      agent: false,
      ...(isHttps && request.tls
        ? {
            key: request.tls.keyPem,
            cert: request.tls.certPem,
            ...(request.tls.caPem ? { ca: request.tls.caPem } : {}),
            minVersion: 'TLSv1.2' as const,
          }
        : {}),
    };
    const req = (isHttps ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        finish(
          new GpConnectError('bad_response', `response of ${declared} bytes is over the ${request.maxBytes} limit`),
        );
        res.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          finish(new GpConnectError('bad_response', `response over the ${request.maxBytes} byte limit`));
          res.destroy();

          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(null, {
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', (error) => finish(error));
      res.on('aborted', () => finish(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    });
    const deadline = setTimeout(() => {
      const error = new GpConnectError('timeout', `no complete answer within ${request.timeoutMs} ms`);
      finish(error);
      req.destroy(error);
    }, request.timeoutMs);
    req.on('error', (error) => finish(error));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}
