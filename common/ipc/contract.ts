/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel is declared once, in its domain's file under channels/: its
 * name (`domain.verb`), the zod schema of its request and of its response, and
 * who may call it. The main process validates both directions against these
 * schemas; the preload and the browser test host derive the renderer's API
 * from the same declarations, so there is no second, hand-kept copy of any type.
 *
 * Pure TypeScript: no DOM, no Node, no Electron (see tsconfig.common.json).
 */
import type { z } from 'zod';
import type { ChannelSpec } from './channel';
import { foundationChannels } from './channels/foundation';
import { recordsChannels } from './channels/records';
import { residentsChannels } from './channels/residents';
import { nursingChannels } from './channels/nursing';
import { triageChannels } from './channels/triage';
import { mailChannels } from './channels/mail';
import { assessmentsChannels } from './channels/assessments';

export type { Access, ChannelSpec } from './channel';

export const channels = {
  ...foundationChannels,
  ...recordsChannels,
  ...residentsChannels,
  ...nursingChannels,
  ...triageChannels,
  ...mailChannels,
  ...assessmentsChannels,
} as const satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ValidRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
