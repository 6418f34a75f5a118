/**
 * A mail engine over a real encrypted store and a real keychain, pointed at
 * the test servers: what the mail tests drive.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { mailSettings, type MailPolicy } from '../../../common/mail/mail-policy';
import { MailCredentials } from '../../../main/services/mail/credentials';
import { MailAccount } from '../../../main/services/mail/mail-account';
import { MailRepository } from '../../../main/services/mail/mail-repository';
import { OutboxStore } from '../../../main/services/mail/outbox';
import { openEncryptedDatabase, type WritableDB } from '../../../main/services/store/database';
import { migrate } from '../../../main/services/store/migrations';
import type { Vault } from '../../../main/services/vault/vault';
import { testVault } from '../../support/test-vault';
import type { MailServers } from '../servers/mail-servers';

export interface StoreHandle {
  readonly db: WritableDB;
  readonly file: string;
  readonly key: string;
}

export function openStore(dir: string, name: string, key = randomBytes(32).toString('hex')): StoreHandle {
  const file = path.join(dir, `${name}.db`);
  const db = openEncryptedDatabase(file, key, { fileMustExist: false });
  migrate(db);
  return { db, file, key };
}

export function testPolicy(servers: MailServers, extra: Partial<MailPolicy> = {}): MailPolicy {
  return {
    imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none' },
    smtp: { host: '127.0.0.1', port: servers.submissionPort, security: 'none' },
    allowPasswordSignIn: true,
    serverSavesSent: false,
    eagerAttachmentMaxBytes: 64 * 1024,
    oauth: { clientId: 'care-home-desktop', tokenUrl: servers.idp.tokenUrl, authoriseUrl: servers.idp.authoriseUrl },
    ...extra,
  };
}

export async function mailAccount(
  servers: MailServers,
  store: StoreHandle,
  user: string,
  options: { vault?: Vault; policy?: Partial<MailPolicy>; password?: string | null; imapPort?: number } = {},
) {
  const address = `${user}@example.test`;
  const settings = mailSettings(testPolicy(servers, options.policy));
  const vault = options.vault ?? testVault();
  const credentials = new MailCredentials(vault);
  if (options.password !== null) await credentials.savePassword(user, options.password ?? servers.passwords[address]!);
  const repo = new MailRepository(store.db);
  const outbox = new OutboxStore(store.db, () => new Date());
  const account = new MailAccount(
    {
      id: user,
      address,
      kind: 'home',
      imap: { ...settings.imap, ...(options.imapPort ? { port: options.imapPort } : {}) },
      smtp: settings.smtp,
      settings,
    },
    repo,
    outbox,
    credentials,
    () => new Date(),
  );
  return { account, repo, outbox, credentials, vault, settings };
}

/** A second, independent client: "another device" changing the mailbox, and the test's view of the server. */
export async function otherClient(servers: MailServers, user: string): Promise<ImapFlow> {
  const address = `${user}@example.test`;
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: servers.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: address, pass: servers.passwords[address]! },
    logger: false,
  });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** Mail arriving from outside, through the MX-style SMTP port. */
export async function deliver(servers: MailServers, to: string, subject: string, text: string, extra: object = {}) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: servers.smtpPort, secure: false, ignoreTLS: true });
  try {
    return await t.sendMail({ from: 'gp.surgery@nhs.net', to, subject, text, ...extra });
  } finally {
    t.close();
  }
}

/** Many messages quickly, straight into a folder. */
export async function appendMany(servers: MailServers, user: string, folder: string, count: number, size = 2000) {
  const c = await otherClient(servers, user);
  try {
    for (let i = 0; i < count; i++) {
      const body = `Message number ${i} `.padEnd(size, 'x');
      const raw = `From: Ward ${i} <ward${i}@nhs.net>\r\nTo: ${user}@example.test\r\nSubject: Bulk ${i}\r\nMessage-ID: <bulk-${i}-${randomBytes(4).toString('hex')}@nhs.net>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${body}\r\n`;
      await c.append(folder, raw);
    }
  } finally {
    await c.logout();
  }
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function certificate(servers: MailServers): string {
  return fs.readFileSync(path.join(servers.dir, 'tls', 'cert.pem'), 'utf8');
}
