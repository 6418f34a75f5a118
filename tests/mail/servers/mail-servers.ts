/**
 * Real Dovecot and Postfix on 127.0.0.1 for the mail tests, through
 * mail-server.sh beside this file. Each test file gets its own folder and free
 * ports, so files can run side by side. Call `wipe()` in the file's `after` hook
 * (registered at the top level: an `after` inside `before` would run at once).
 * Needs root and Debian's dovecot-imapd, dovecot-lmtpd, postfix and openssl
 * (build/prepare.sh installs them).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { startIdentityProvider, type IdentityProvider } from './oauth-introspection';

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, 'mail-server.sh');
export const MAIL_DOMAIN = 'example.test';

export interface MailServers {
  readonly dir: string;
  readonly imapPort: number;
  readonly imapsPort: number;
  /** MX-style SMTP: no login, accepts mail for the test domain (how "outside" mail arrives). */
  readonly smtpPort: number;
  readonly submissionPort: number;
  readonly submissionsPort: number;
  readonly idp: IdentityProvider;
  /** user@example.test → password */
  readonly passwords: Readonly<Record<string, string>>;
  start(): Promise<void>;
  stop(): Promise<void>;
  doveadm(...args: string[]): Promise<string>;
  /** Stops the servers and removes their folder. */
  wipe(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startMailServers(users: Record<string, string> = { carol: 'carolpw', dan: 'danpw' }) {
  // Short folder: Dovecot's unix sockets live under it and must stay under 108 characters.
  const dir = fs.mkdtempSync('/tmp/mt-');
  const idp = await startIdentityProvider();
  const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()] as const;
  const env = {
    ...process.env,
    MAILTEST_DIR: dir,
    IMAP_PORT: String(ports[0]),
    IMAPS_PORT: String(ports[1]),
    SMTP_PORT: String(ports[2]),
    SUBMISSION_PORT: String(ports[3]),
    SUBMISSIONS_PORT: String(ports[4]),
    MAIL_DOMAIN,
    MAIL_USERS: Object.entries(users)
      .map(([u, p]) => `${u}:${p}`)
      .join(' '),
    OAUTH_INTROSPECT_URL: idp.introspectionUrl,
  };
  const script = async (...args: string[]) => (await run('bash', [SCRIPT, ...args], { env, timeout: 60_000 })).stdout;
  const servers: MailServers = {
    dir,
    imapPort: ports[0],
    imapsPort: ports[1],
    smtpPort: ports[2],
    submissionPort: ports[3],
    submissionsPort: ports[4],
    idp,
    passwords: Object.fromEntries(Object.entries(users).map(([u, p]) => [`${u}@${MAIL_DOMAIN}`, p])),
    start: async () => {
      await script('start');
    },
    stop: async () => {
      await script('stop');
    },
    doveadm: (...args) => script('doveadm', ...args),
    wipe: async () => {
      await script('wipe').catch(() => {});
      await idp.close();
    },
  };
  await servers.start();
  return servers;
}
