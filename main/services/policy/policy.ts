/**
 * The managed policy: a JSON file the IT provider puts at the machine-wide
 * location (see policy-location.ts). Validated with zod; a missing file means
 * the built-in defaults, and an invalid one is reported to administrators
 * while the app runs with locked-down defaults. It never stops the app.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { EffectivePolicy, PolicyProblem, PolicyStatus } from '../../../common/ipc/types';
import { GpConnectPolicy } from '../../../common/records/gp-connect-settings';
import { MailPolicy } from '../../../common/mail/mail-policy';
import {
  DEFAULT_ESCALATION_LADDER,
  EscalationPolicySection,
  type EscalationLadder,
} from '../../../common/triage/escalation';
import { MeshPolicy } from '../../../common/mesh/mesh-policy';
import { AssessmentsPolicy } from '../../../common/assessments/assessments-policy';

const HttpsUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u), {
    message: 'Use an https:// address (plain http is allowed only for 127.0.0.1 in testing)',
  });

export const PolicyFile = z
  .object({
    kiosk: z.boolean().optional(),
    idleLockMinutes: z
      .number()
      .min(0.1, 'The idle lock must be at least 0.1 minutes')
      .max(60, 'The idle lock can be at most 60 minutes')
      .optional(),
    updates: z
      .object({
        url: HttpsUrl.nullable().optional(),
        channel: z.enum(['latest', 'beta']).optional(),
      })
      .strict()
      .optional(),
    /** Addresses of the services later features use (GP Connect, MESH, NHSmail, call signalling, …). */
    endpoints: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'Endpoint names are letters and numbers'), HttpsUrl)
      .optional(),
    gpConnect: GpConnectPolicy.optional(),
    mail: MailPolicy.optional(),
    /** Crisis triage: the home's escalation ladder; each part left out keeps the safe default. */
    escalation: EscalationPolicySection.optional(),
    /** MESH: mailbox, address, workflow IDs, poll interval (assessments). */
    mesh: MeshPolicy.optional(),
    /** Trusted assessments: waiting times (amber, red) and the questionnaire's linkId mapping. */
    assessments: AssessmentsPolicy.optional(),
  })
  .strict();

/** What the app does when no policy says otherwise. */
export const DEFAULT_POLICY: EffectivePolicy = {
  kiosk: false,
  idleLockMinutes: 5,
  updates: { url: null, channel: 'latest' },
  endpoints: {},
};

/** What the app does when the policy file is broken: the safest settings, since we cannot tell what was meant. */
export const LOCKED_DOWN_POLICY: EffectivePolicy = {
  kiosk: true,
  idleLockMinutes: 5,
  updates: { url: null, channel: 'latest' },
  endpoints: {},
};

const MAX_POLICY_BYTES = 256 * 1024;

export function loadPolicy(file: string): PolicyStatus {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_POLICY_BYTES)
      return invalid(file, [
        { path: '', message: `The file is ${size} bytes; a policy is at most ${MAX_POLICY_BYTES} bytes` },
      ]);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { source: file, state: 'absent', problems: [], effective: DEFAULT_POLICY };
    }
    return invalid(file, [{ path: '', message: `The file could not be read: ${(error as Error).message}` }]);
  }
  return parsePolicy(file, text);
}

export function parsePolicy(source: string, text: string): PolicyStatus {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return invalid(source, [{ path: '', message: `The file is not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = PolicyFile.safeParse(json);
  if (!parsed.success) {
    return invalid(
      source,
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  const p = parsed.data;
  return {
    source,
    state: 'loaded',
    problems: [],
    effective: {
      kiosk: p.kiosk ?? DEFAULT_POLICY.kiosk,
      idleLockMinutes: p.idleLockMinutes ?? DEFAULT_POLICY.idleLockMinutes,
      updates: {
        url: p.updates?.url ?? DEFAULT_POLICY.updates.url,
        channel: p.updates?.channel ?? DEFAULT_POLICY.updates.channel,
      },
      endpoints: p.endpoints ?? {},
      ...(p.gpConnect ? { gpConnect: p.gpConnect } : {}),
      ...(p.mail ? { mail: p.mail } : {}),
      ...(p.escalation ? { escalation: p.escalation } : {}),
      ...(p.mesh ? { mesh: p.mesh } : {}),
      ...(p.assessments ? { assessments: p.assessments } : {}),
    },
  };
}

function invalid(source: string, problems: PolicyProblem[]): PolicyStatus {
  return { source, state: 'invalid', problems, effective: LOCKED_DOWN_POLICY };
}

export function idleLockSeconds(policy: PolicyStatus): number {
  return Math.round(policy.effective.idleLockMinutes * 60);
}

/** The escalation ladder in force: the policy's, or the defaults (also when the policy file is broken). */
export function escalationLadder(policy: PolicyStatus): EscalationLadder {
  return policy.effective.escalation ?? DEFAULT_ESCALATION_LADDER;
}
