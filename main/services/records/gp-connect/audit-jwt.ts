/**
 * The unsigned JWT GP Connect requires on every request (`alg: none`, ending
 * with a trailing dot): who is asking and why, for the provider's audit
 * trail. The requesting practitioner is the staff member who asked (or, for
 * the background refresh, the one who last asked for this resident).
 */
import { randomUUID } from 'node:crypto';

export interface Requester {
  readonly staffId: number;
  readonly displayName: string;
  readonly role: string;
}

export interface JwtContext {
  readonly requester: Requester;
  readonly organisation: { readonly odsCode: string; readonly name: string };
  /** The consumer system's ASID: identifies this laptop's software to Spine. */
  readonly consumerAsid: string;
  /** The provider's FHIR base: the token's audience. */
  readonly audience: string;
  readonly nowMs: number;
  readonly scope: 'patient/*.read' | 'organization/*.read';
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const SYSTEM = 'https://care-home-desktop.nhs.uk';

export function auditJwt(context: JwtContext): string {
  const iat = Math.floor(context.nowMs / 1000);
  const [given, ...rest] = context.requester.displayName.trim().split(/\s+/);
  const practitionerId = String(context.requester.staffId);
  const payload = {
    iss: SYSTEM,
    sub: practitionerId,
    aud: context.audience,
    exp: iat + 300,
    iat,
    reason_for_request: 'directcare',
    requested_scope: context.scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: `${SYSTEM}/Id/device-identifier`, value: context.consumerAsid }],
      model: 'Care Home Desktop',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: context.organisation.odsCode }],
      name: context.organisation.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: practitionerId,
      identifier: [
        // Care home staff have no Spine user id: GP Connect says to send UNK, with the local id beside it.
        { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'UNK' },
        { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: 'UNK' },
        { system: `${SYSTEM}/Id/user-id`, value: practitionerId },
      ],
      name: [
        { family: rest.length > 0 ? rest.join(' ') : (given ?? 'Unknown'), given: rest.length > 0 ? [given] : [] },
      ],
    },
    jti: randomUUID(),
  };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}
