/**
 * The "Mail" page: the mailboxes this staff member may read (the home's, and
 * their own if they have one), its folders, the messages in a folder (with
 * quick filters and search), the open message, and writing. Main checks every
 * call against who is signed in; this page only shows what main returns.
 */
import { useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { SessionInfo } from '../../../../common/ipc/types';
import { Forbidden } from '../../components/Forbidden';
import { useDraft } from '../../components/drafts';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';
import { ComposeForm } from './ComposeForm';
import { EMPTY_DRAFT, forwardDraft, replyDraft, type ComposeDraft } from './compose-text';
import { MailboxOwners } from './MailboxOwners';
import { MailboxView } from './MailboxView';
import './mail.css';

export const MAIL_HEADING = 'Mail';

type Writing = { key: string; heading: string; start: ComposeDraft };

export function MailPage({ api, session }: { api: CareHomeApi; session: SessionInfo }) {
  usePageTitle(MAIL_HEADING);
  const [accounts, reloadAccounts] = useLoad(() => api.mail.accounts({}));
  const [chosen, setChosen] = useState<string | null>(null);
  // Which message is being written is a draft too, so the screen locking does not close it.
  const [writing, setWriting] = useDraft<Writing | null>('mail-writing', null);
  const [sent, setSent] = useState<string | null>(null);
  const refusal = forbiddenAmong(accounts);
  if (refusal) return <Forbidden message={refusal.message} />;
  if (accounts.status === 'loading') return <Loading what="your mailboxes" />;
  if (accounts.status === 'error') return <ErrorPanel error={accounts.error} onRetry={reloadAccounts} />;
  if (accounts.value.length === 0) {
    return (
      <>
        <h1>{MAIL_HEADING}</h1>
        <p>No mailbox has been set up on this laptop yet. Ask your IT administrator to add the home&apos;s NHSmail.</p>
        {session.role === 'manager' ? <MailboxOwners api={api} /> : null}
      </>
    );
  }
  const account = accounts.value.find((a) => a.id === chosen) ?? accounts.value[0]!;
  const write = (w: Writing) => {
    setSent(null);
    setWriting(w);
  };

  return (
    <>
      <h1>{MAIL_HEADING}</h1>
      {accounts.value.length > 1 ? (
        <nav aria-label="Mailboxes" className="app-mail-accounts">
          <ul className="nhsuk-list app-mail-inline-list">
            {accounts.value.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className={`nhsuk-button nhsuk-button--small ${a.id === account.id ? '' : 'nhsuk-button--secondary'}`}
                  aria-current={a.id === account.id ? 'true' : undefined}
                  onClick={() => {
                    setChosen(a.id);
                    setWriting(null);
                  }}
                >
                  {a.kind === 'home' ? `The home's mailbox (${a.address})` : `Your mailbox (${a.address})`}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p className="nhsuk-body-s">{account.address}</p>
      )}
      {session.role === 'manager' ? <MailboxOwners api={api} /> : null}
      {account.message ? <ErrorPanel error={{ code: 'unavailable', message: account.message }} /> : null}
      {sent ? <SuccessBanner message={`Your message “${sent}” is in the outbox and will be sent.`} /> : null}
      {writing ? (
        <ComposeForm
          key={writing.key}
          api={api}
          accountId={account.id}
          draftKey={`${account.id}:${writing.key}`}
          start={writing.start}
          heading={writing.heading}
          onSent={(subject) => {
            setWriting(null);
            setSent(subject);
          }}
          onClose={() => setWriting(null)}
        />
      ) : (
        <MailboxView
          key={account.id}
          api={api}
          accountId={account.id}
          onWrite={() => write({ key: 'new', heading: 'New message', start: EMPTY_DRAFT })}
          onReply={(m) => write({ key: `reply-${m.id}`, heading: 'Reply', start: replyDraft(m) })}
          onForward={(m) => write({ key: `forward-${m.id}`, heading: 'Forward', start: forwardDraft(m) })}
        />
      )}
    </>
  );
}
