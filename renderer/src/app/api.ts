/**
 * The API as pages use it: `window.careHome`, with the answers that concern the
 * whole app handled in one place. A call answered `session_locked` shows the
 * lock screen; `not_signed_in` returns to sign-in. The page that made the call
 * still gets the answer (and is usually unmounted by then). A call that throws
 * (the bridge failed) becomes an `internal` answer, so no page has to catch.
 */
import type { CareHomeApi } from '../../../common/ipc/client';
import type { IpcError, Result } from '../../../common/ipc/result';

export interface SessionEvents {
  onSessionLocked(): void;
  onNotSignedIn(error: IpcError): void;
}

export const BRIDGE_FAILURE: IpcError = {
  code: 'internal',
  message:
    'Care Home Desktop could not reach its records just now. Nothing has been lost. Try again, and tell your IT provider if it keeps happening.',
};

type AnyCall = (request?: unknown) => Promise<Result<unknown>>;

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function guardApi(api: CareHomeApi, events: SessionEvents): CareHomeApi {
  const domains = new Map<string, Record<string, AnyCall>>();
  const raw = api as unknown as Record<string, Record<string, AnyCall> | undefined>;

  function wrapDomain(domain: string): Record<string, AnyCall> {
    return new Proxy({} as Record<string, AnyCall>, {
      get(_target, verb) {
        if (typeof verb !== 'string' || verb === 'then') return undefined;
        return async (request?: unknown): Promise<Result<unknown>> => {
          let result: Result<unknown>;
          try {
            const call = raw[domain]?.[verb];
            if (typeof call !== 'function') return { ok: false, error: BRIDGE_FAILURE };
            const answer: unknown = await call(request);
            result = isResult(answer) ? answer : { ok: false, error: BRIDGE_FAILURE };
          } catch {
            result = { ok: false, error: BRIDGE_FAILURE };
          }
          if (!result.ok) {
            if (result.error.code === 'session_locked') events.onSessionLocked();
            else if (result.error.code === 'not_signed_in') events.onNotSignedIn(result.error);
          }
          return result;
        };
      },
    });
  }

  return new Proxy({} as CareHomeApi, {
    get(_target, domain) {
      if (typeof domain !== 'string' || domain === 'then') return undefined;
      let wrapped = domains.get(domain);
      if (!wrapped) {
        wrapped = wrapDomain(domain);
        domains.set(domain, wrapped);
      }
      return wrapped;
    },
  });
}
