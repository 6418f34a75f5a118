/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel is declared here once: its name (`domain.verb`), the zod
 * schema of its request and of its response, and who may call it. The main
 * process validates both directions against these schemas; the preload and the
 * browser test host derive the renderer's API from the same declarations, so
 * there is no second, hand-kept copy of any type.
 *
 * Pure TypeScript: no DOM, no Node, no Electron (see tsconfig.common.json).
 */
import { z } from 'zod';
import {
  AppStatus,
  AuditEntry,
  AuditVerification,
  CareHomeSetup,
  DemoHomeCreated,
  LoginCandidate,
  PolicyStatus,
  Resident,
  Secret,
  SessionInfo,
  StaffId,
  StaffMember,
  NewStaffMember,
  ResidentId,
  type RoleName,
} from './types';

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

const Empty = z.object({}).strict();
const Ok = z.object({ done: z.literal(true) }).strict();
const ById = z.object({ staffId: StaffId }).strict();

const MANAGERS = ['manager'] as const;
const MANAGERS_AND_IT = ['manager', 'it_admin'] as const;

function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  request: Req;
  response: Res;
  access: Access;
}): { request: Req; response: Res; access: Access } {
  return spec;
}

export const channels = {
  // What the app can do right now: set up, sign in, or show an error to an administrator.
  'app.status': channel({ request: Empty, response: AppStatus, access: 'anyone' }),

  // The way out of kiosk mode, for the IT provider: the window leaves full screen until the app restarts.
  'app.leaveKiosk': channel({ request: Empty, response: Ok, access: ['it_admin'] }),

  // First run. The handlers refuse once a care home exists.
  'setup.createCareHome': channel({ request: CareHomeSetup, response: SessionInfo, access: 'anyone' }),
  'setup.createDemoCareHome': channel({ request: Empty, response: DemoHomeCreated, access: 'anyone' }),

  'auth.loginCandidates': channel({
    request: Empty,
    response: z.array(LoginCandidate),
    access: 'anyone',
  }),
  'auth.login': channel({
    request: z.object({ staffId: StaffId, secret: Secret }).strict(),
    response: SessionInfo,
    access: 'anyone',
  }),
  'auth.logout': channel({ request: Empty, response: Ok, access: 'anyone' }),

  'session.current': channel({ request: Empty, response: SessionInfo.nullable(), access: 'anyone' }),
  // Called by the renderer while someone is using the screen, so that main's idle timer agrees.
  'session.stillHere': channel({ request: Empty, response: SessionInfo, access: 'signedIn' }),
  'session.lock': channel({ request: Empty, response: Ok, access: 'anyone' }),
  'session.unlock': channel({
    request: z.object({ staffId: StaffId, secret: Secret }).strict(),
    response: SessionInfo,
    access: 'anyone',
  }),

  'staff.list': channel({ request: Empty, response: z.array(StaffMember), access: MANAGERS_AND_IT }),
  'staff.add': channel({ request: NewStaffMember, response: StaffMember, access: MANAGERS }),
  'staff.disable': channel({ request: ById, response: StaffMember, access: MANAGERS }),
  'staff.enable': channel({ request: ById, response: StaffMember, access: MANAGERS }),
  'staff.resetSecret': channel({
    request: z.object({ staffId: StaffId, secret: Secret }).strict(),
    response: StaffMember,
    access: MANAGERS,
  }),
  'staff.unlockAccount': channel({ request: ById, response: StaffMember, access: MANAGERS }),

  'residents.list': channel({ request: Empty, response: z.array(Resident), access: 'signedIn' }),
  'residents.get': channel({
    request: z.object({ residentId: ResidentId }).strict(),
    response: Resident,
    access: 'signedIn',
  }),

  'audit.recent': channel({
    request: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    response: z.array(AuditEntry),
    access: MANAGERS_AND_IT,
  }),
  'audit.verify': channel({ request: Empty, response: AuditVerification, access: MANAGERS_AND_IT }),

  'policy.status': channel({ request: Empty, response: PolicyStatus, access: MANAGERS_AND_IT }),
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
