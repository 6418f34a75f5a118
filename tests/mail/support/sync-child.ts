/**
 * A sync in a process of its own, so that a test can kill it with SIGKILL in
 * the middle: the same engine over the same encrypted store file.
 * Reads MAIL_CHILD (JSON: file, key, vaultService, user, imapPort, smtpPort).
 */
import { mailSettings } from '../../../common/mail/mail-policy';
import { MailCredentials } from '../../../main/services/mail/credentials';
import { MailAccount } from '../../../main/services/mail/mail-account';
import { MailRepository } from '../../../main/services/mail/mail-repository';
import { OutboxStore } from '../../../main/services/mail/outbox';
import { openEncryptedDatabase } from '../../../main/services/store/database';
import { createKeytarVault } from '../../../main/services/vault/keytar-vault';

const c = JSON.parse(process.env.MAIL_CHILD ?? '{}') as {
  file: string;
  key: string;
  vaultService: string;
  user: string;
  imapPort: number;
  smtpPort: number;
};
const db = openEncryptedDatabase(c.file, c.key, { fileMustExist: true });
const settings = mailSettings({
  imap: { host: '127.0.0.1', port: c.imapPort, security: 'none' },
  smtp: { host: '127.0.0.1', port: c.smtpPort, security: 'none' },
  allowPasswordSignIn: true,
  serverSavesSent: false,
});
const account = new MailAccount(
  { id: c.user, address: `${c.user}@example.test`, kind: 'home', imap: settings.imap, smtp: settings.smtp, settings },
  new MailRepository(db),
  new OutboxStore(db, () => new Date()),
  new MailCredentials(createKeytarVault(c.vaultService)),
  () => new Date(),
);
let stored = 0;
account.onNewMail = () => {};
void (async () => {
  const original = process.stdout.write.bind(process.stdout);
  setInterval(() => {
    const n = db.prepare('SELECT count(*) FROM mail_message').pluck().get() as number;
    if (n !== stored) original(`stored ${(stored = n)}\n`);
  }, 20).unref();
  await account.syncAll();
  original('done\n');
  process.exit(0);
})();
