/**
 * How a channel is declared: request and response schemas, and who may call it.
 * Each domain declares its channels in common/ipc/channels/<domain>.ts with
 * `channel()`, and contract.ts joins them into the one contract.
 */
import { z } from 'zod';
import type { RoleName } from './types';

/**
 * Who may call a channel.
 * - `anyone`: before sign-in too (status, setup, the login list, login itself).
 * - `signedIn`: any staff member with an unlocked session.
 * - a list of roles: only those roles, checked in main by the dispatcher.
 */
export type Access = 'anyone' | 'signedIn' | readonly RoleName[];

export interface ChannelSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
  readonly access: Access;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  request: Req;
  response: Res;
  access: Access;
}): { request: Req; response: Res; access: Access } {
  return spec;
}

/** A request with nothing in it. */
export const Empty = z.object({}).strict();
/** A response that only says it is done. */
export const Ok = z.object({ done: z.literal(true) }).strict();

export const MANAGERS = ['manager'] as const;
export const MANAGERS_AND_IT = ['manager', 'it_admin'] as const;
/** Clinical decisions: nurses and managers (care assistants read, but do not decide). */
export const NURSES_AND_MANAGERS = ['nurse', 'manager'] as const;
