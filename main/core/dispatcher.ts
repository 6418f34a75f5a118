/**
 * The one place every IPC request passes through, whatever carries it
 * (Electron IPC in the app, a loopback WebSocket in the browser test host).
 *
 * In order: the channel must exist; the session must be allowed to use it
 * (signed in, not locked, role allowed); the request must match its schema;
 * then the handler runs; and its response must match its schema before it
 * leaves. Handlers therefore never see unvalidated input and cannot forget
 * the access check.
 */
import {
  channels,
  isChannelName,
  type Access,
  type ChannelName,
  type ResponseOf,
  type ValidRequestOf,
} from '../../common/ipc/contract';
import { CareHomeError, type IpcError, type Result } from '../../common/ipc/result';
import type { StaffSession } from '../services/auth/staff-session';

export interface HandlerContext {
  readonly session: StaffSession;
}

/** One handler per channel: a channel without a handler is a compile error. */
export type Handlers = {
  [C in ChannelName]: (request: ValidRequestOf<C>, context: HandlerContext) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface DispatcherOptions {
  handlers: Handlers;
  /** Decides whether a session may use a channel; returns the refusal, or null to allow. */
  checkAccess: (session: StaffSession, access: Access, channel: ChannelName) => IpcError | null;
  /** Told about faults that are not the caller's doing, for the technical log. */
  onFault?: (channel: string, error: unknown) => void;
}

export type Dispatch = (session: StaffSession, channel: unknown, request: unknown) => Promise<Result<unknown>>;

const INTERNAL: IpcError = {
  code: 'internal',
  message:
    'Something went wrong inside Care Home Desktop. Nothing has been lost. Try again, and tell your IT provider if it keeps happening.',
};

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { handlers, checkAccess, onFault } = options;

  return async function dispatch(session, channel, request) {
    if (!isChannelName(channel)) {
      return fail({ code: 'unknown_channel', message: 'The app asked for something that does not exist.' });
    }
    const spec = channels[channel];
    const refusal = checkAccess(session, spec.access, channel);
    if (refusal) return fail(refusal);

    const parsed = spec.request.safeParse(request);
    if (!parsed.success) return fail({ code: 'invalid_request', message: describeIssues(parsed.error.issues) });

    let value: unknown;
    try {
      const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
      value = await handler(parsed.data, { session });
    } catch (error) {
      if (error instanceof CareHomeError) return fail({ code: error.code, message: error.message });
      onFault?.(channel, error);
      return fail(INTERNAL);
    }

    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      onFault?.(channel, new Error(`Response did not match the contract: ${describeIssues(checked.error.issues)}`));
      return fail(INTERNAL);
    }
    return { ok: true, value: checked.data };
  };
}

function fail(error: IpcError): Result<never> {
  return { ok: false, error };
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The first few schema problems as one sentence: the field and what is wrong with it. */
export function describeIssues(issues: readonly Issue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return parts.join('; ') || 'The request was not in the expected form.';
}
