/**
 * The names of every channel, without their schemas: what the preload and the
 * browser host's bridge need to build the renderer's API, so that neither
 * carries zod into the page. The compiler checks this list against the
 * contract both ways: a channel missing here, or a name that is not a
 * channel, does not compile.
 */
import type { ChannelName } from './contract';

export const CHANNEL_NAMES = [
  'app.status',
  'app.leaveKiosk',
  'setup.createCareHome',
  'setup.createDemoCareHome',
  'auth.loginCandidates',
  'auth.login',
  'auth.logout',
  'session.current',
  'session.stillHere',
  'session.lock',
  'session.unlock',
  'staff.list',
  'staff.add',
  'staff.disable',
  'staff.enable',
  'staff.resetSecret',
  'staff.unlockAccount',
  'audit.recent',
  'audit.verify',
  'policy.status',
  'records.residentPage',
  'records.summary',
  'records.section',
  'records.refresh',
  'records.refreshStatus',
  'records.documents',
  'records.openDocument',
  'records.htmlSection',
  'residents.list',
  'residents.get',
  'residents.photo',
  'residents.timeline',
  'residents.admit',
  'residents.addProspective',
  'residents.admitProspective',
  'residents.recordLeaving',
  'residents.recordAccessBasis',
  'nursing.timeline',
  'nursing.today',
  'nursing.refresh',
  'triage.recordObservations',
  'triage.setSpo2Scale',
  'triage.setReferenceScore',
  'triage.setEndOfLifePathway',
  'triage.history',
  'triage.recordSoftSigns',
  'mail.accounts',
  'mail.syncNow',
  'mail.folders',
  'mail.messages',
  'mail.message',
  'mail.search',
  'mail.setFlag',
  'mail.move',
  'mail.delete',
  'mail.checkSecure',
  'mail.send',
  'mail.outbox',
  'mail.setOwner',
  'mail.personalMailboxes',
  'mail.attachment',
  'assessments.list',
  'assessments.get',
  'assessments.decide',
] as const satisfies readonly ChannelName[];

type Unlisted = Exclude<ChannelName, (typeof CHANNEL_NAMES)[number]>;
/** Fails to compile, naming the channel, when a channel of the contract is not listed above. */
export const EVERY_CHANNEL_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
