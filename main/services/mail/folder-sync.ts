/**
 * Brings one account's folders and messages into the store over IMAP.
 *
 * - New mail: by UID, from one past the highest UID held, in batches; each
 *   message is committed as it arrives, so a sync cut off anywhere resumes
 *   where it stopped and never stores a message twice.
 * - UIDVALIDITY changed: rows from before stay until the resync has fetched
 *   the folder again; a message that comes back (same Message-ID) takes over
 *   its old row, and what did not come back is removed. No duplicates, and
 *   attachments already downloaded are kept.
 * - Flags: with CONDSTORE only what changed since the last HIGHESTMODSEQ,
 *   otherwise every message's flags (cheap next to bodies).
 * - Deletes and moves elsewhere: UIDs the server no longer has are removed.
 * - Memory: only messages up to FULL_FETCH_MAX_BYTES are fetched whole; larger
 *   ones keep their headers and their parts are fetched on demand.
 */
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import type { MailRepository, NewMessage } from './mail-repository';
import { withDeadline } from './deadline';
import { attachmentParts, parseMessage } from './parse-message';

export const FULL_FETCH_MAX_BYTES = 25 * 1024 * 1024;
const BATCH = 100;
const PENDING_MAX_BYTES = 8 * 1024 * 1024;

export interface SyncOptions {
  readonly accountId: string;
  readonly eagerAttachmentMaxBytes: number;
  readonly now: () => Date;
  /** Deadline for one step (a batch, a flag pass); the connection is closed when it passes. */
  readonly stepDeadlineMs?: number;
  /** Told after each stored message: for a progress indicator on first sync. */
  readonly onProgress?: (folderPath: string, done: number, total: number) => void;
}

export interface FolderSyncResult {
  readonly path: string;
  readonly added: number;
  readonly flagsUpdated: number;
  readonly removed: number;
  readonly uidValidityChanged: boolean;
}

const SPECIAL_USES = new Set(['\\Inbox', '\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive', '\\All', '\\Flagged']);

export async function syncFolderList(client: ImapFlow, repo: MailRepository, accountId: string): Promise<string[]> {
  const list = await withDeadline('listing folders', 60_000, client.list(), () => client.close());
  const paths: string[] = [];
  for (const f of list) {
    if (f.flags.has('\\Noselect') || f.flags.has('\\NonExistent')) continue;
    const specialUse = f.path.toUpperCase() === 'INBOX' ? '\\Inbox' : (f.specialUse ?? null);
    repo.upsertFolder(accountId, f.path, f.name, specialUse && SPECIAL_USES.has(specialUse) ? specialUse : null);
    paths.push(f.path);
  }
  repo.removeFoldersExcept(accountId, paths);
  return paths;
}

export async function syncFolder(
  client: ImapFlow,
  repo: MailRepository,
  path: string,
  options: SyncOptions,
): Promise<FolderSyncResult> {
  const deadline = options.stepDeadlineMs ?? 120_000;
  const step = <T>(what: string, op: Promise<T>) => withDeadline(what, deadline, op, () => client.close());
  const folder = repo.folder(options.accountId, path);
  if (!folder) throw new Error(`Unknown folder ${path}`);
  const lock = await step(`opening ${path}`, client.getMailboxLock(path));
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`The folder ${path} could not be opened.`);
    const uidvalidity = Number(mailbox.uidValidity);
    const changed = folder.uidvalidity !== null && folder.uidvalidity !== uidvalidity;
    const serverModseq = mailbox.highestModseq !== undefined ? Number(mailbox.highestModseq) : null;
    const knownModseq = changed ? null : folder.highest_modseq;
    repo.setFolderState(folder.id, uidvalidity, knownModseq, null);

    let highest = repo.highestUid(folder.id, uidvalidity);
    const nothingNew =
      !changed &&
      mailbox.uidNext - 1 <= highest &&
      repo.countCurrent(folder.id, uidvalidity) === mailbox.exists &&
      serverModseq !== null &&
      serverModseq === knownModseq;
    if (nothingNew) {
      repo.setFolderState(folder.id, uidvalidity, serverModseq, options.now().toISOString());
      return { path, added: 0, flagsUpdated: 0, removed: 0, uidValidityChanged: false };
    }

    // 1. New messages, oldest first, one batch at a time.
    let added = 0;
    // UIDNEXT is not re-sent during IDLE (only EXISTS is), so a grown count also means "look".
    const mayHaveNew = mailbox.uidNext - 1 > highest || mailbox.exists > repo.countCurrent(folder.id, uidvalidity);
    if (mailbox.exists > 0 && (mayHaveNew || changed)) {
      const found = await step('listing new mail', client.search({ uid: `${highest + 1}:*` }, { uid: true }));
      const uids = (found || []).filter((u) => u > highest).sort((a, b) => a - b);
      for (let i = 0; i < uids.length; i += BATCH) {
        const batch = uids.slice(i, i + BATCH);
        added += await fetchBatch(client, repo, folder.id, uidvalidity, batch, options, step);
        highest = batch[batch.length - 1]!;
        options.onProgress?.(path, Math.min(i + BATCH, uids.length), uids.length);
      }
    }
    if (changed || added > 0) repo.removeLeftovers(folder.id, uidvalidity);

    // 2. Flags changed by other clients (Outlook on the web, a colleague's phone).
    let flagsUpdated = 0;
    if (mailbox.exists > 0) {
      // With CONDSTORE (serverModseq known) only the flags changed since the last sync come back.
      const query = { uid: true, flags: true } as const;
      const opts =
        knownModseq !== null && serverModseq !== null
          ? { uid: true, changedSince: BigInt(knownModseq) }
          : { uid: true };
      await step(
        'reading flags',
        (async () => {
          for await (const m of client.fetch('1:*', query, opts)) {
            if (!m.flags) continue;
            repo.updateFlags(folder.id, uidvalidity, m.uid, m.flags, m.modseq !== undefined ? Number(m.modseq) : null);
            flagsUpdated++;
          }
        })(),
      );
    }

    // 3. Messages gone from the server (deleted or moved by another client).
    let removed = 0;
    const localCount = repo.countCurrent(folder.id, uidvalidity);
    if (localCount !== mailbox.exists) {
      const serverUids = new Set(
        mailbox.exists > 0 ? (await step('listing mail', client.search({ all: true }, { uid: true }))) || [] : [],
      );
      const gone = repo.uids(folder.id, uidvalidity).filter((u) => !serverUids.has(u));
      repo.removeUids(folder.id, uidvalidity, gone);
      removed = gone.length;
    }

    const modseqAfter =
      client.mailbox && client.mailbox.highestModseq !== undefined
        ? Number(client.mailbox.highestModseq)
        : serverModseq;
    repo.setFolderState(folder.id, uidvalidity, modseqAfter, options.now().toISOString());
    return { path, added, flagsUpdated, removed, uidValidityChanged: changed };
  } finally {
    lock.release();
  }
}

async function fetchBatch(
  client: ImapFlow,
  repo: MailRepository,
  folderId: number,
  uidvalidity: number,
  uids: number[],
  options: SyncOptions,
  step: <T>(what: string, op: Promise<T>) => Promise<T>,
): Promise<number> {
  // First the sizes and structure, so that an enormous message is never pulled into memory whole.
  const meta = new Map<
    number,
    { size: number; flags: Set<string>; modseq: number | null; structure?: MessageStructureObject }
  >();
  await step(
    'reading message sizes',
    (async () => {
      for await (const m of client.fetch(
        uids.join(','),
        { uid: true, size: true, flags: true, bodyStructure: true },
        { uid: true },
      )) {
        meta.set(m.uid, {
          size: m.size ?? 0,
          flags: m.flags ?? new Set(),
          modseq: m.modseq !== undefined ? Number(m.modseq) : null,
          ...(m.bodyStructure ? { structure: m.bodyStructure } : {}),
        });
      }
    })(),
  );
  const whole = uids.filter((u) => (meta.get(u)?.size ?? 0) <= FULL_FETCH_MAX_BYTES && meta.has(u));
  const large = uids.filter((u) => (meta.get(u)?.size ?? 0) > FULL_FETCH_MAX_BYTES);
  let stored = 0;
  // Parsed messages are committed together (one transaction is far cheaper than one each), but
  // never more than PENDING_MAX_BYTES are held: memory stays bounded, and a cut-off sync resumes
  // after the last committed group.
  let pending: NewMessage[] = [];
  let pendingBytes = 0;
  const flush = () => {
    const group = pending;
    pending = [];
    pendingBytes = 0;
    repo.db.transaction(() => {
      for (const message of group) repo.storeMessage(folderId, uidvalidity, message);
    })();
    stored += group.length;
  };
  if (whole.length > 0) {
    await step(
      'downloading mail',
      (async () => {
        for await (const m of client.fetch(whole.join(','), { uid: true, source: true }, { uid: true })) {
          const info = meta.get(m.uid);
          if (!info || !m.source) continue;
          const message = await parseMessage({
            uid: m.uid,
            source: m.source,
            size: info.size,
            flags: info.flags,
            modseq: info.modseq,
            structure: info.structure,
            eagerMaxBytes: options.eagerAttachmentMaxBytes,
          });
          pending.push(message);
          pendingBytes += info.size;
          if (pendingBytes >= PENDING_MAX_BYTES) flush();
        }
        flush();
      })(),
    );
  }
  for (const uid of large) {
    stored += await storeLargeMessage(client, repo, folderId, uidvalidity, uid, meta.get(uid)!, step);
  }
  return stored;
}

/** A message too large to hold in memory: headers from the envelope, parts listed for download on open. */
async function storeLargeMessage(
  client: ImapFlow,
  repo: MailRepository,
  folderId: number,
  uidvalidity: number,
  uid: number,
  info: { size: number; flags: Set<string>; modseq: number | null; structure?: MessageStructureObject },
  step: <T>(what: string, op: Promise<T>) => Promise<T>,
): Promise<number> {
  const m = await step(
    'reading a large message',
    client.fetchOne(String(uid), { uid: true, envelope: true }, { uid: true }),
  );
  const env = m ? m.envelope : undefined;
  const from = env?.from?.[0];
  repo.storeMessage(folderId, uidvalidity, {
    uid,
    messageId: env?.messageId ?? null,
    subject: env?.subject ?? '',
    sender: `${from?.name ?? ''} ${from?.address ?? ''}`.trim(),
    fromAddress: from?.address ?? '',
    to: (env?.to ?? []).map((a) => a.address ?? '').filter(Boolean),
    cc: (env?.cc ?? []).map((a) => a.address ?? '').filter(Boolean),
    sentAt: env?.date ? new Date(env.date).toISOString() : null,
    size: info.size,
    flags: info.flags,
    modseq: info.modseq,
    textBody: '',
    htmlBody: null,
    bodyTruncated: true,
    attachments: attachmentParts(info.structure).map((p) => ({ ...p, content: null, sha256: null })),
  });
  return 1;
}
