/**
 * The channels of the foundation: app status and setup, sign-in and the
 * session, staff accounts, the audit log and the policy. (Residents: channels/residents.ts.)
 */
import { z } from 'zod';
import { channel, Empty, MANAGERS, MANAGERS_AND_IT, Ok } from '../channel';
import {
  AppStatus,
  AuditEntry,
  AuditVerification,
  CareHomeSetup,
  DemoHomeCreated,
  LoginCandidate,
  NewStaffMember,
  PolicyStatus,
  Secret,
  SessionInfo,
  StaffId,
  StaffMember,
} from '../types';

const ById = z.object({ staffId: StaffId }).strict();

export const foundationChannels = {
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

  'audit.recent': channel({
    request: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    response: z.array(AuditEntry),
    access: MANAGERS_AND_IT,
  }),
  'audit.verify': channel({ request: Empty, response: AuditVerification, access: MANAGERS_AND_IT }),

  'policy.status': channel({ request: Empty, response: PolicyStatus, access: MANAGERS_AND_IT }),
};
