/**
 * The `mail` section of the managed policy: where the mail servers are, how
 * staff sign in, and the secure-domain list. NHSmail's settings are built in,
 * so a home on NHSmail needs only its OAuth client id and its mailboxes.
 */
import { z } from 'zod';

const Host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-zA-Z0-9.-]+$/, 'A server name is letters, numbers, dots and dashes');
const LOOPBACK = /^(127\.0\.0\.1|localhost)$/;

export const MailServerPolicy = z
  .object({
    host: Host,
    port: z.number().int().min(1).max(65535),
    /** `tls` from the first byte (IMAPS 993, SMTPS 465), `starttls` upgraded (587), `none` only on 127.0.0.1 for tests. */
    security: z.enum(['tls', 'starttls', 'none']),
  })
  .strict()
  .refine((s) => s.security !== 'none' || LOOPBACK.test(s.host), {
    message: 'Unencrypted mail connections are allowed only to 127.0.0.1 in testing',
  });
export type MailServerPolicy = z.infer<typeof MailServerPolicy>;

const Url = z
  .url({ protocol: /^https?$/ })
  .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u), {
    message: 'Use an https:// address (plain http is allowed only for 127.0.0.1 in testing)',
  });

export const MailOAuthPolicy = z
  .object({
    clientId: z.string().min(1).max(200),
    authoriseUrl: Url.optional(),
    tokenUrl: Url.optional(),
    scopes: z.array(z.string().min(1).max(300)).min(1).max(20).optional(),
  })
  .strict();

export const MailAccountPolicy = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'An account id is 1-40 lower-case letters, numbers and dashes'),
    address: z.email(),
    kind: z.enum(['home', 'personal']),
    signIn: z.enum(['oauth', 'password']).default('oauth'),
  })
  .strict();
export type MailAccountPolicy = z.infer<typeof MailAccountPolicy>;

export const MailPolicy = z
  .object({
    imap: MailServerPolicy.optional(),
    smtp: MailServerPolicy.optional(),
    oauth: MailOAuthPolicy.optional(),
    /** Username and password, for servers other than NHSmail; off unless an administrator turns it on. */
    allowPasswordSignIn: z.boolean().optional(),
    /** Accredited secure domains besides nhs.net (the [secure] rule treats them as NHSmail). */
    secureDomains: z
      .array(z.string().regex(/^@?[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/, 'A domain such as example.nhs.uk'))
      .max(500)
      .optional(),
    /** Attachments up to this size are downloaded with the message for the home's mailbox; larger on first open. */
    eagerAttachmentMaxBytes: z
      .number()
      .int()
      .min(0)
      .max(100 * 1024 * 1024)
      .optional(),
    /** Exchange Online files mail sent over SMTP in Sent Items itself; other servers need the app to. */
    serverSavesSent: z.boolean().optional(),
    accounts: z.array(MailAccountPolicy).max(20).optional(),
  })
  .strict();
export type MailPolicy = z.infer<typeof MailPolicy>;

export interface MailSettings {
  readonly imap: MailServerPolicy;
  readonly smtp: MailServerPolicy;
  readonly oauth: {
    readonly clientId: string | null;
    readonly authoriseUrl: string;
    readonly tokenUrl: string;
    readonly scopes: readonly string[];
  };
  readonly allowPasswordSignIn: boolean;
  readonly secureDomains: readonly string[];
  readonly eagerAttachmentMaxBytes: number;
  readonly serverSavesSent: boolean;
  readonly accounts: readonly MailAccountPolicy[];
}

/** NHSmail is Exchange Online: Microsoft's endpoints, with the scopes for IMAP and SMTP and a refresh token. */
export const NHSMAIL_DEFAULTS: MailSettings = {
  imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  oauth: {
    clientId: null,
    authoriseUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ],
  },
  allowPasswordSignIn: false,
  secureDomains: [],
  eagerAttachmentMaxBytes: 10 * 1024 * 1024,
  serverSavesSent: true,
  accounts: [],
};

export function mailSettings(policy: MailPolicy | undefined): MailSettings {
  const d = NHSMAIL_DEFAULTS;
  return {
    imap: policy?.imap ?? d.imap,
    smtp: policy?.smtp ?? d.smtp,
    oauth: {
      clientId: policy?.oauth?.clientId ?? d.oauth.clientId,
      authoriseUrl: policy?.oauth?.authoriseUrl ?? d.oauth.authoriseUrl,
      tokenUrl: policy?.oauth?.tokenUrl ?? d.oauth.tokenUrl,
      scopes: policy?.oauth?.scopes ?? d.oauth.scopes,
    },
    allowPasswordSignIn: policy?.allowPasswordSignIn ?? d.allowPasswordSignIn,
    secureDomains: (policy?.secureDomains ?? []).map((s) => s.replace(/^@/, '').toLowerCase()),
    eagerAttachmentMaxBytes: policy?.eagerAttachmentMaxBytes ?? d.eagerAttachmentMaxBytes,
    serverSavesSent: policy?.serverSavesSent ?? d.serverSavesSent,
    accounts: policy?.accounts ?? [],
  };
}
