/**
 * Builds the renderer's API (`careHome.auth.login(...)`, `careHome.staff.add(...)`)
 * from the contract, over any transport that can carry one request to main:
 * Electron IPC in the preload, a WebSocket in the browser test host.
 */
import { CHANNEL_NAMES } from './channel-names';
import type { ChannelName, Channels, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type Domain = DomainOf<ChannelName>;

/** The API the renderer sees: verbs grouped by domain, each returning a Result. */
export type CareHomeApi = {
  [D in Domain]: {
    [C in ChannelName as C extends `${D}.${infer Verb}` ? Verb : never]: Record<string, never> extends RequestOf<C>
      ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
      : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  };
};

export function createCareHomeApi(invoke: Invoke): CareHomeApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of CHANNEL_NAMES) {
    const [domain, verb] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (request?: unknown) => invoke(name, request ?? {});
  }
  return api as unknown as CareHomeApi;
}

export type { Channels };
