/** The browser test host's wire format: one request per message, answered with the same id. */
import { z } from 'zod';

export const HostRequest = z
  .object({
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    request: z.unknown(),
  })
  .strict();
export type HostRequest = z.infer<typeof HostRequest>;

export const HOST_BRIDGE_PATH = '/__host/bridge.js';
export const HOST_SOCKET_PATH = '/__host/socket';
