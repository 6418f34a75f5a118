/**
 * One mailbox, kept in step with its server: connect (with the vault's
 * credentials), replay the outbox in order, sync every folder, then wait in
 * IDLE on the inbox for new mail. A lost connection is retried with backoff;
 * nothing is lost meanwhile, because everything the person does is in the
 * store and the outbox first.
 */
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { MailSettings } from '../../../common/mail/mail-policy';
import type { MailCredentials, MailLogin } from './credentials';
import { SignInNeeded } from './credentials';
import { backoffMs, withDeadline } from './deadline';
import { syncFolder, syncFolderList, type FolderSyncResult } from './folder-sync';
import { connectImap, explainImapError, MailConnectionError, type ServerOptions } from './imap-connection';
import type { MailRepository } from './mail-repository';
import type { OAuthClient } from './oauth';
import { composeMessage, type OutgoingMessage } from './compose';
import { FlagsPayload, MovePayload, SendPayload, type OutboxRow, type OutboxStore } from './outbox';
import { sendRaw } from './smtp-send';
import { simpleParser } from 'mailparser';

export interface MailAccountConfig {
  readonly id: string;
  readonly address: string;
  readonly kind: 'home' | 'personal';
  readonly imap: ServerOptions;
  readonly smtp: ServerOptions;
  readonly settings: MailSettings;
}

export type AccountStatus =
  /** `watching`: in step, waiting in IDLE on the inbox for new mail. */
  | { readonly state: 'offline' | 'connecting' | 'syncing' | 'idle' | 'watching' | 'stopped' }
  | { readonly state: 'problem'; readonly message: string; readonly signIn: boolean };

export interface ReplayReport {
  readonly done: number;
  readonly sent: number;
  readonly failed: number;
  readonly unconfirmed: number;
  /** Stopped early: the server could not be reached; the rest waits, in order. */
  readonly stoppedEarly: boolean;
}

const ATTACHMENT_MAX_BYTES = 150 * 1024 * 1024;

export class MailAccount {
  private client: ImapFlow | null = null;
  private running = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private syncChain: Promise<unknown> = Promise.resolve();
  private replaying: Promise<ReplayReport> | null = null;
  status: AccountStatus = { state: 'offline' };
  /** Told whenever new mail has been stored (for the list, and for tests). */
  onNewMail: (result: FolderSyncResult) => void = () => {};

  constructor(
    readonly config: MailAccountConfig,
    private readonly repo: MailRepository,
    private readonly outbox: OutboxStore,
    private readonly credentials: MailCredentials,
    private readonly now: () => Date,
  ) {
    repo.ensureAccount(config.id, config.address, config.kind, now().toISOString());
  }

  private get oauthClient(): OAuthClient | null {
    const o = this.config.settings.oauth;
    return o.clientId
      ? { clientId: o.clientId, authoriseUrl: o.authoriseUrl, tokenUrl: o.tokenUrl, scopes: o.scopes }
      : null;
  }

  private login(forceRefresh = false): Promise<MailLogin> {
    return this.credentials.login(this.config.id, this.config.address, this.oauthClient, forceRefresh);
  }

  /** Connects (refreshing an OAuth token once if the server refuses it). */
  async connect(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.status = { state: 'connecting' };
    let client: ImapFlow;
    try {
      client = await connectImap(this.config.imap, await this.login());
    } catch (error) {
      if (error instanceof MailConnectionError && error.problem === 'sign_in_again') {
        client = await connectImap(this.config.imap, await this.login(true));
      } else throw error;
    }
    client.on('exists', (event: { path: string }) => {
      this.queueSync(event.path);
    });
    client.on('close', () => {
      if (this.client === client) this.client = null;
      if (this.running) this.scheduleReconnect();
    });
    this.client = client;
    return client;
  }

  /** Starts keeping the account in step: sync now, IDLE on the inbox, reconnect with backoff. */
  start(): void {
    this.running = true;
    void this.cycle();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    await this.syncChain.catch(() => {});
    if (client)
      await withDeadline('signing out', 5_000, client.logout(), () => client.close()).catch(() => client.close());
    this.status = { state: 'stopped' };
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.running) return;
    const wait = backoffMs(this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.cycle();
    }, wait);
    this.reconnectTimer.unref();
  }

  private async cycle(): Promise<void> {
    try {
      await this.syncAll();
      this.attempt = 0;
      // Leave the inbox selected: imapflow IDLEs on it, and 'exists' brings new mail in.
      const client = await this.connect();
      await withDeadline('opening the inbox', 60_000, client.mailboxOpen('INBOX'), () => client.close());
      this.status = { state: 'watching' };
      // IDLE now rather than after imapflow's quiet period; it ends by itself when a command is sent.
      void client.idle().catch(() => {});
    } catch (error) {
      this.noteProblem(error);
      if (this.running && !(error instanceof SignInNeeded)) this.scheduleReconnect();
    }
  }

  private noteProblem(error: unknown): void {
    if (error instanceof SignInNeeded) this.status = { state: 'problem', message: error.message, signIn: true };
    else {
      const e = explainImapError(error, false);
      this.status = {
        state: 'problem',
        message: e.message,
        signIn: e instanceof MailConnectionError && e.problem === 'sign_in_again',
      };
    }
  }

  private queueSync(path: string): void {
    this.syncChain = this.syncChain
      .then(async () => {
        const client = await this.connect();
        const result = await syncFolder(client, this.repo, path, this.syncOptions());
        if (result.added > 0) this.onNewMail(result);
      })
      .catch((error: unknown) => this.noteProblem(error));
  }

  private syncOptions() {
    return {
      accountId: this.config.id,
      eagerAttachmentMaxBytes: this.config.kind === 'home' ? this.config.settings.eagerAttachmentMaxBytes : 0,
      now: this.now,
    };
  }

  /** Outbox first (so the person's changes are not overwritten by the server's old state), then every folder. */
  async syncAll(): Promise<FolderSyncResult[]> {
    const run = async () => {
      const client = await this.connect();
      this.status = { state: 'syncing' };
      await this.replayOutbox();
      const paths = await syncFolderList(client, this.repo, this.config.id);
      // The inbox first: that is what people are waiting for.
      paths.sort((a, b) => (a.toUpperCase() === 'INBOX' ? -1 : b.toUpperCase() === 'INBOX' ? 1 : a.localeCompare(b)));
      const results: FolderSyncResult[] = [];
      for (const path of paths) {
        const result = await syncFolder(await this.connect(), this.repo, path, this.syncOptions());
        if (result.added > 0) this.onNewMail(result);
        results.push(result);
      }
      this.status = { state: 'idle' };
      return results;
    };
    const next = this.syncChain.then(run, run);
    this.syncChain = next.catch(() => {});
    return next;
  }

  // ---- What the person does: applied to the store at once, queued for the server ----

  async queueSend(message: OutgoingMessage): Promise<number> {
    const composed = await composeMessage(message, this.config.settings.secureDomains);
    return this.outbox.queueSend(this.config.id, composed);
  }

  setFlag(messageRowId: number, flag: '\\Seen' | '\\Flagged' | '\\Answered', on: boolean): number {
    const m = this.placeOf(messageRowId);
    return this.outbox.queueFlags(this.config.id, {
      ...m,
      messageRowId,
      add: on ? [flag] : [],
      remove: on ? [] : [flag],
    });
  }

  move(messageRowId: number, toPath: string, kind: 'move' | 'delete' = 'move'): number {
    const m = this.placeOf(messageRowId);
    const target = this.repo.folder(this.config.id, toPath);
    if (!target) throw new Error(`There is no folder called ${toPath}.`);
    return this.outbox.queueMove(this.config.id, { ...m, messageRowId, to: toPath }, target.id, kind);
  }

  /** Deleting moves to Deleted Items (Trash), from where it can be brought back. */
  delete(messageRowId: number): number {
    const trash = this.repo.folderBySpecialUse(this.config.id, '\\Trash');
    if (!trash) throw new Error('This mailbox has no Deleted Items folder.');
    return this.move(messageRowId, trash.path, 'delete');
  }

  private placeOf(messageRowId: number): { folder: string; uidvalidity: number; uid: number } {
    const row = this.repo.db
      .prepare(
        `SELECT f.path, m.uidvalidity, m.uid FROM mail_message m JOIN mail_folder f ON f.id = m.folder_id
         WHERE m.id = ? AND f.account_id = ?`,
      )
      .get(messageRowId, this.config.id) as { path: string; uidvalidity: number; uid: number } | undefined;
    if (!row) throw new Error('That message is no longer in this mailbox.');
    return { folder: row.path, uidvalidity: row.uidvalidity, uid: row.uid };
  }

  // ---- The outbox, replayed in order ----

  /** Replays what is queued. Only one replay runs at a time; a second caller waits for the first. */
  replayOutbox(): Promise<ReplayReport> {
    if (this.replaying) return this.replaying;
    this.replaying = this.replay().finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private async replay(): Promise<ReplayReport> {
    let done = 0;
    let sent = 0;
    let failed = 0;
    let unconfirmed = 0;
    for (const row of this.outbox.pending(this.config.id)) {
      try {
        if (row.kind === 'send') {
          const state = await this.replaySend(row);
          if (state === 'sent') sent++;
          else if (state === 'failed') failed++;
          else if (state === 'unconfirmed') unconfirmed++;
          else return { done, sent, failed, unconfirmed, stoppedEarly: true };
        } else {
          const ok = await this.replayChange(row);
          if (ok) done++;
          else failed++;
        }
      } catch (error) {
        if (error instanceof MailConnectionError || error instanceof SignInNeeded || isConnectionError(error)) {
          this.noteProblem(error);
          return { done, sent, failed, unconfirmed, stoppedEarly: true };
        }
        this.outbox.setState(row.id, 'failed', (error as Error).message.slice(0, 300));
        failed++;
      }
    }
    return { done, sent, failed, unconfirmed, stoppedEarly: false };
  }

  private async replayChange(row: OutboxRow): Promise<boolean> {
    const client = await this.connect();
    if (row.kind === 'flags') {
      const p = FlagsPayload.parse(JSON.parse(row.payload));
      const lock = await withDeadline('opening a folder', 60_000, client.getMailboxLock(p.folder), () =>
        client.close(),
      );
      try {
        if (Number(client.mailbox && client.mailbox.uidValidity) !== p.uidvalidity) {
          this.outbox.setState(row.id, 'failed', 'The folder changed on the server before this change could be made.');
          return false;
        }
        const op = async () => {
          if (p.add.length) await client.messageFlagsAdd(String(p.uid), p.add, { uid: true });
          if (p.remove.length) await client.messageFlagsRemove(String(p.uid), p.remove, { uid: true });
        };
        await withDeadline('changing flags', 60_000, op(), () => client.close());
      } finally {
        lock.release();
      }
      this.outbox.setState(row.id, 'done');
      return true;
    }
    const p = MovePayload.parse(JSON.parse(row.payload));
    const lock = await withDeadline('opening a folder', 60_000, client.getMailboxLock(p.folder), () => client.close());
    try {
      if (Number(client.mailbox && client.mailbox.uidValidity) !== p.uidvalidity) {
        this.outbox.setState(row.id, 'failed', 'The folder changed on the server before this message could be moved.');
        return false;
      }
      const result = await withDeadline(
        'moving a message',
        60_000,
        client.messageMove(String(p.uid), p.to, { uid: true }),
        () => client.close(),
      );
      const newUid = result && result.uidMap ? result.uidMap.get(p.uid) : undefined;
      this.outbox.setState(row.id, 'done');
      if (result && newUid !== undefined && result.uidValidity !== undefined) {
        try {
          this.outbox.settleMove(p.messageRowId, Number(result.uidValidity), newUid);
        } catch {
          // The target folder's sync got there first: that row stands, this placeholder goes.
          this.repo.db.prepare('DELETE FROM mail_message WHERE id = ? AND uidvalidity = 0').run(p.messageRowId);
        }
      }
    } finally {
      lock.release();
    }
    return true;
  }

  /** Returns the row's new state, or null when it must wait (the server could not be reached). */
  private async replaySend(row: OutboxRow): Promise<'sent' | 'failed' | 'unconfirmed' | null> {
    const p = SendPayload.parse(JSON.parse(row.payload));
    if (row.state === 'sending') {
      // A previous run stopped mid-send: the server may have it. Look before doing anything.
      return this.settleAmbiguous(row, 'The app stopped while this message was being sent.');
    }
    const login = await this.login();
    this.outbox.setState(row.id, 'sending');
    const outcome = await sendRaw(this.config.smtp, login, { from: p.from, to: p.to }, row.raw!);
    if (outcome.kind === 'accepted') {
      await this.fileInSent(row).catch(() => {});
      const refused = outcome.rejected.length
        ? `Sent, but not delivered to ${outcome.rejected.join(', ')}: the server refused ${outcome.rejected.length === 1 ? 'that address' : 'those addresses'}.`
        : null;
      this.outbox.setState(row.id, 'sent', refused);
      return 'sent';
    }
    if (outcome.kind === 'refused') {
      if (outcome.retry) {
        this.outbox.setState(row.id, 'queued', outcome.message);
        if (outcome.signIn) throw new SignInNeeded(this.config.id);
        return null;
      }
      this.outbox.setState(row.id, 'failed', outcome.message);
      return 'failed';
    }
    return this.settleAmbiguous(row, `The connection was lost while sending (${outcome.message}).`);
  }

  private async settleAmbiguous(row: OutboxRow, why: string): Promise<'sent' | 'unconfirmed' | null> {
    let found: boolean;
    try {
      found = await this.inSentFolder(row.message_id_header!);
    } catch {
      return null; // Cannot look now: stays `sending`, looked at again next time. Never resent blindly.
    }
    if (found) {
      this.outbox.setState(row.id, 'sent', null);
      return 'sent';
    }
    this.outbox.setState(
      row.id,
      'unconfirmed',
      `${why} It may or may not have been sent, and it is not in Sent Items. Check with the recipient before sending it again.`,
    );
    return 'unconfirmed';
  }

  private async sentPath(client: ImapFlow): Promise<string | null> {
    const known = this.repo.folderBySpecialUse(this.config.id, '\\Sent');
    if (known) return known.path;
    await syncFolderList(client, this.repo, this.config.id);
    return this.repo.folderBySpecialUse(this.config.id, '\\Sent')?.path ?? null;
  }

  private async inSentFolder(messageId: string): Promise<boolean> {
    const client = await this.connect();
    const path = await this.sentPath(client);
    if (!path) return false;
    const lock = await withDeadline('opening Sent', 60_000, client.getMailboxLock(path), () => client.close());
    try {
      const uids = await withDeadline(
        'searching Sent',
        60_000,
        client.search({ header: { 'message-id': messageId } }, { uid: true }),
        () => client.close(),
      );
      return Array.isArray(uids) && uids.length > 0;
    } finally {
      lock.release();
    }
  }

  /** Exchange Online files SMTP-sent mail itself; for other servers the app puts a copy in Sent. */
  private async fileInSent(row: OutboxRow): Promise<void> {
    if (this.config.settings.serverSavesSent) return;
    const client = await this.connect();
    const path = await this.sentPath(client);
    if (!path) return;
    await withDeadline('filing in Sent', 60_000, client.append(path, row.raw!, ['\\Seen']), () => client.close());
  }

  // ---- Attachments, downloaded on first open ----

  async openAttachment(attachmentId: number): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const a = this.repo.db
      .prepare(
        `SELECT a.id, a.part, a.filename, a.content_type, a.size, a.content, m.uid, m.uidvalidity, f.path, m.id AS message
         FROM mail_attachment a JOIN mail_message m ON m.id = a.message_id JOIN mail_folder f ON f.id = m.folder_id
         WHERE a.id = ? AND f.account_id = ?`,
      )
      .get(attachmentId, this.config.id) as
      | {
          id: number;
          part: string;
          filename: string;
          content_type: string;
          size: number;
          content: Buffer | null;
          uid: number;
          uidvalidity: number;
          path: string;
          message: number;
        }
      | undefined;
    if (!a) throw new Error('That attachment is no longer in this mailbox.');
    if (a.content) return { filename: a.filename, contentType: a.content_type, content: a.content };
    const client = await this.connect();
    const lock = await withDeadline('opening a folder', 60_000, client.getMailboxLock(a.path), () => client.close());
    let content: Buffer;
    try {
      content = await withDeadline('downloading an attachment', 10 * 60_000, this.download(client, a), () =>
        client.close(),
      );
    } finally {
      lock.release();
    }
    this.repo.saveAttachmentContent(a.id, content, createHash('sha256').update(content).digest('hex'));
    return { filename: a.filename, contentType: a.content_type, content };
  }

  private async download(
    client: ImapFlow,
    a: { part: string; uid: number; message: number; id: number },
  ): Promise<Buffer> {
    if (a.part) {
      const d = await client.download(String(a.uid), a.part, { uid: true, maxBytes: ATTACHMENT_MAX_BYTES });
      if (!d.content) throw new Error('The server no longer has that attachment.');
      const chunks: Buffer[] = [];
      for await (const chunk of d.content) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
    // No part number matched: read the message again and take the attachment in the same place.
    const index = (
      this.repo.db
        .prepare('SELECT id FROM mail_attachment WHERE message_id = ? ORDER BY id')
        .pluck()
        .all(a.message) as number[]
    ).indexOf(a.id);
    const m = await client.fetchOne(String(a.uid), { uid: true, source: true }, { uid: true });
    if (!m || !m.source) throw new Error('The server no longer has that message.');
    const parsed = await simpleParser(m.source);
    const found = parsed.attachments[index];
    if (!found) throw new Error('That attachment could not be found in the message.');
    return found.content;
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'NoConnection' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    (error as Error).name === 'DeadlineExceeded'
  );
}
