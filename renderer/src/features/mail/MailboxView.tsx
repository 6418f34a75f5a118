/**
 * One mailbox: folders down the side, the message list (quick filters and
 * search above it), and the open message beside it.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { ErrorPanel, Loading } from '../../components/panels';
import { useLoad } from '../../components/useLoad';
import { MessageList } from './MessageList';
import { MessageView } from './MessageView';
import { applyFilter, type MailListItem, type MailMessage, type QuickFilter } from './mail-types';
import { useFolderMessages } from './useFolderMessages';

const FILTERS: ReadonlyArray<[QuickFilter, string]> = [
  ['all', 'All'],
  ['unread', 'Unread'],
  ['flagged', 'Flagged'],
  ['attachments', 'With attachments'],
];

const FOLDER_NAMES: Record<string, string> = {
  '\\Inbox': 'Inbox',
  '\\Sent': 'Sent',
  '\\Drafts': 'Drafts',
  '\\Trash': 'Deleted',
  '\\Junk': 'Junk',
  '\\Archive': 'Archive',
};

export function MailboxView({
  api,
  accountId,
  onWrite,
  onReply,
  onForward,
}: {
  api: CareHomeApi;
  accountId: string;
  onWrite: () => void;
  onReply: (m: MailMessage) => void;
  onForward: (m: MailMessage) => void;
}) {
  const [folders, reloadFolders] = useLoad(() => api.mail.folders({ accountId }));
  const [chosenFolder, setChosenFolder] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const [filter, setFilter] = useState<QuickFilter>('all');
  const [typed, setTyped] = useState('');
  const [results, setResults] = useState<{ query: string; items: readonly MailListItem[] } | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Flags changed here, laid over the loaded list so 10,000 rows are not fetched again for one change.
  const [patches, setPatches] = useState<ReadonlyMap<number, { seen?: boolean; flagged?: boolean }>>(new Map());
  const searchId = useId();

  const folderList = folders.status === 'ok' ? folders.value : [];
  const inbox = folderList.find((f) => f.specialUse === '\\Inbox') ?? folderList[0];
  const folder = folderList.find((f) => f.id === chosenFolder) ?? inbox;
  const loaded = useFolderMessages(api, folder?.id ?? null, generation);
  const shown = useMemo(() => {
    const base = results ? results.items : loaded.status === 'ok' ? loaded.messages : [];
    const patched = patches.size === 0 ? base : base.map((m) => ({ ...m, ...patches.get(m.id) }));
    return applyFilter(patched, filter);
  }, [results, loaded, filter, patches]);

  const refresh = () => {
    reloadFolders();
    setPatches(new Map());
    setGeneration((g) => g + 1);
  };
  const patch = (id: number, change: { seen?: boolean; flagged?: boolean }) => {
    setPatches((p) => new Map(p).set(id, { ...p.get(id), ...change }));
    reloadFolders();
  };
  const sync = async () => {
    setSyncing(true);
    const r = await api.mail.syncNow({ accountId });
    setSyncing(false);
    setProblem(r.ok ? null : r.error.message);
    refresh();
  };
  const search = async (event: FormEvent) => {
    event.preventDefault();
    const query = typed.trim();
    if (!query) {
      setResults(null);
      return;
    }
    const r = await api.mail.search({ accountId, query });
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    // Search hits carry no flags; they are shown as read and unflagged until opened.
    setResults({
      query,
      items: r.value.map((h) => ({ ...h, seen: true, flagged: false, hasAttachments: false })),
    });
  };

  const openItem = shown.find((m) => m.id === openId) ?? null;
  const listLabel = results
    ? `Messages matching “${results.query}”`
    : `Messages in ${folder ? folderName(folder) : 'this folder'}`;
  return (
    <div className="app-mail">
      <div className="app-mail-toolbar">
        <button type="button" className="nhsuk-button" onClick={onWrite}>
          Write a message
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => void sync()}
          disabled={syncing}
        >
          {syncing ? 'Checking for new mail…' : 'Check for new mail'}
        </button>
        <form role="search" className="app-mail-search" onSubmit={(e) => void search(e)}>
          <label className="nhsuk-label" htmlFor={searchId}>
            Search mail
          </label>
          <div className="app-mail-search__row">
            <input
              id={searchId}
              className="nhsuk-input"
              type="search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              maxLength={200}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--secondary">
              Search
            </button>
          </div>
        </form>
      </div>
      {problem ? <ErrorPanel error={{ code: 'unavailable', message: problem }} /> : null}
      <div className="app-mail-columns">
        <nav className="app-mail-folders" aria-label="Folders">
          {folders.status === 'loading' ? <Loading what="folders" /> : null}
          {folders.status === 'error' ? <ErrorPanel error={folders.error} onRetry={reloadFolders} /> : null}
          <ul className="nhsuk-list">
            {folderList.map((f) => (
              <li key={f.id}>
                <button
                  type="button"
                  className="app-mail-folder"
                  aria-current={f.id === folder?.id && !results ? 'true' : undefined}
                  onClick={() => {
                    setChosenFolder(f.id);
                    setResults(null);
                    setOpenId(null);
                  }}
                >
                  {folderName(f)}
                  {f.unread > 0 ? <span className="app-mail-count">{f.unread} unread</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="app-mail-listpane" aria-label="Message list">
          <fieldset className="app-mail-filters">
            <legend className="nhsuk-u-visually-hidden">Show</legend>
            {FILTERS.map(([value, label]) => (
              <button
                key={value}
                type="button"
                className={`nhsuk-button nhsuk-button--small ${filter === value ? '' : 'nhsuk-button--secondary'}`}
                aria-pressed={filter === value}
                onClick={() => setFilter(value)}
              >
                {label}
              </button>
            ))}
          </fieldset>
          {results ? (
            <p className="nhsuk-body-s">
              {results.items.length} found.{' '}
              <button
                type="button"
                className="app-link-button"
                onClick={() => {
                  setResults(null);
                  setTyped('');
                }}
              >
                Clear search
              </button>
            </p>
          ) : null}
          {loaded.status === 'loading' && !results ? <Loading what="messages" /> : null}
          {loaded.status === 'error' && !results ? (
            <ErrorPanel error={loaded.error} onRetry={() => setGeneration((g) => g + 1)} />
          ) : null}
          <p className="nhsuk-u-visually-hidden" role="status">
            {shown.length} messages shown
          </p>
          {results || loaded.status === 'ok' ? (
            <MessageList messages={shown} label={listLabel} openId={openId} onOpen={setOpenId} />
          ) : null}
        </section>
        <section className="app-mail-readpane" aria-label="Open message">
          {openId === null ? (
            <p className="app-mail-empty">Choose a message to read it.</p>
          ) : (
            <MessageView
              key={openId}
              api={api}
              messageId={openId}
              flagged={openItem?.flagged ?? false}
              onReply={onReply}
              onForward={onForward}
              onChanged={(change) => patch(openId, change)}
            />
          )}
        </section>
      </div>
    </div>
  );
}

function folderName(f: { name: string; specialUse: string | null }): string {
  return (f.specialUse && FOLDER_NAMES[f.specialUse]) || f.name;
}
