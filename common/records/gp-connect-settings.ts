/**
 * The `gpConnect` section of the managed policy: where the GP Connect
 * provider is, the ASIDs the Spine Secure Proxy checks, which client
 * certificate (in the keychain vault) to present, and how often, how long and
 * how much to fetch. Defaults are safe: nothing is fetched unless the IT
 * provider configures it.
 */
import { z } from 'zod';

const HttpsUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u), {
    message: 'Use an https:// address (plain http is allowed only for 127.0.0.1 in testing)',
  });
const Asid = z.string().regex(/^\d{1,12}$/, 'An ASID is up to 12 digits');
const Ods = z.string().regex(/^[A-Z0-9]{3,10}$/, 'An ODS code is 3 to 10 capital letters and numbers');

export const GpConnectPolicy = z
  .object({
    /** The provider's FHIR base as reached through the Spine Secure Proxy, e.g. https://proxy.spine.nhs.uk/https://provider.example/gpconnect/fhir */
    providerBaseUrl: HttpsUrl,
    consumerAsid: Asid,
    providerAsid: Asid,
    /** The care home's own ODS code, for the audit claims (falls back to the care home's set-up code). */
    consumerOdsCode: Ods.optional(),
    /** The name of the client certificate slot in the vault (`client-certificate:<name>`, base64 PKCS#12). */
    clientCertificate: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
    /** Extra certificate authorities to trust for the provider (PEM), e.g. the NHS PTL root. */
    trustedCaPem: z.string().max(100_000).optional(),
    refreshIntervalMinutes: z
      .number()
      .min(1)
      .max(24 * 60)
      .optional(),
    /** How many residents are fetched at the same time in the background. */
    refreshBatchSize: z.number().int().min(1).max(10).optional(),
    /** Screens warn once the record is older than this. */
    staleAfterHours: z
      .number()
      .min(1)
      .max(24 * 30)
      .optional(),
    timeoutSeconds: z.number().min(1).max(300).optional(),
    maxResponseMegabytes: z.number().min(1).max(200).optional(),
  })
  .strict();
export type GpConnectPolicy = z.infer<typeof GpConnectPolicy>;

/** What the app uses: the policy's values, with the safe defaults filled in. */
export interface GpConnectSettings {
  /** Null when GP Connect is not configured: then nothing is fetched and screens say so. */
  readonly connection: {
    readonly providerBaseUrl: string;
    readonly consumerAsid: string;
    readonly providerAsid: string;
    readonly consumerOdsCode: string | null;
    readonly clientCertificate: string | null;
    readonly trustedCaPem: string | null;
  } | null;
  readonly refreshIntervalMinutes: number;
  readonly refreshBatchSize: number;
  readonly staleAfterHours: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

export function gpConnectSettings(policy: GpConnectPolicy | undefined): GpConnectSettings {
  return {
    connection: policy
      ? {
          providerBaseUrl: policy.providerBaseUrl.replace(/\/+$/, ''),
          consumerAsid: policy.consumerAsid,
          providerAsid: policy.providerAsid,
          consumerOdsCode: policy.consumerOdsCode ?? null,
          clientCertificate: policy.clientCertificate ?? null,
          trustedCaPem: policy.trustedCaPem ?? null,
        }
      : null,
    refreshIntervalMinutes: policy?.refreshIntervalMinutes ?? 60,
    refreshBatchSize: policy?.refreshBatchSize ?? 3,
    staleAfterHours: policy?.staleAfterHours ?? 24,
    timeoutMs: (policy?.timeoutSeconds ?? 30) * 1000,
    maxResponseBytes: (policy?.maxResponseMegabytes ?? 25) * 1024 * 1024,
  };
}
