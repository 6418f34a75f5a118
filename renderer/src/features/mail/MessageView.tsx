/**
 * One message: who sent it, to whom and when, its text, and its attachments.
 * HTML mail is sanitised (sanitise-mail-html.ts) and shown in a frame with
 * `sandbox=""`: no script, no forms, no navigation, an opaque origin. The
 * frame is an about:srcdoc document, which inherits the app's CSP (img-src
 * 'self' data: blob:), so nothing in it can reach the internet either.
 * Opening a message marks it read.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { ErrorPanel, Loading } from '../../components/panels';
import { useLoad } from '../../components/useLoad';
import { AttachmentList } from './AttachmentList';
import { longDate } from './mail-format';
import type { MailMessage } from './mail-types';
import { mailHtmlDocument, sanitiseMailHtml } from './sanitise-mail-html';

export function MessageView({
  api,
  messageId,
  flagged,
  onReply,
  onForward,
  onChanged,
}: {
  api: CareHomeApi;
  messageId: number;
  flagged: boolean;
  onReply: (m: MailMessage) => void;
  onForward: (m: MailMessage) => void;
  onChanged: (patch: { seen?: boolean; flagged?: boolean }) => void;
}) {
  const [loaded, reload] = useLoad(() => api.mail.message({ messageId }));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (loaded.status !== 'ok') return;
    void api.mail.setFlag({ messageId, flag: 'seen', on: true }).then((r) => r.ok && onChanged({ seen: true }));
    // Mark read once per message opened, not on every list refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.status, messageId]);

  const toggleFlag = () => {
    void api.mail.setFlag({ messageId, flag: 'flagged', on: !flagged }).then((r) => {
      setProblem(r.ok ? null : r.error.message);
      if (r.ok) onChanged({ flagged: !flagged });
    });
  };

  if (loaded.status === 'loading') return <Loading what="the message" />;
  if (loaded.status === 'error') return <ErrorPanel error={loaded.error} onRetry={reload} />;
  const m = loaded.value;
  return (
    <article className="app-mail-message" aria-labelledby="mail-message-subject">
      <h2 id="mail-message-subject" className="nhsuk-heading-m">
        {m.subject || '(no subject)'}
      </h2>
      <dl className="nhsuk-summary-list app-mail-headers">
        <Header label="From" value={m.sender} />
        <Header label="To" value={m.to.join(', ')} />
        {m.cc.length > 0 ? <Header label="Copied to" value={m.cc.join(', ')} /> : null}
        {m.sentAt ? <Header label="Sent" value={longDate(m.sentAt)} /> : null}
      </dl>
      <div className="app-mail-actions">
        <button type="button" className="nhsuk-button" onClick={() => onReply(m)}>
          Reply
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onForward(m)}>
          Forward
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={toggleFlag}>
          {flagged ? 'Remove flag' : 'Flag for follow-up'}
        </button>
      </div>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <MessageBody message={m} />
      <AttachmentList api={api} attachments={m.attachments} />
    </article>
  );
}

function Header({ label, value }: { label: string; value: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
}

function MessageBody({ message }: { message: MailMessage }) {
  const clean = useMemo(() => (message.html === null ? null : sanitiseMailHtml(message.html)), [message.html]);
  const srcDoc = useMemo(
    () =>
      clean === null
        ? null
        : mailHtmlDocument(clean.html, message.subject, new URL('mail-message.css', document.baseURI).href),
    [clean, message.subject],
  );
  if (clean === null || srcDoc === null) {
    return <div className="app-mail-text">{message.text || '(This message has no text.)'}</div>;
  }
  return (
    <>
      {clean.remotePictures > 0 ? (
        <p className="app-mail-notice">
          {clean.remotePictures === 1 ? '1 picture' : `${clean.remotePictures} pictures`} from the internet{' '}
          {clean.remotePictures === 1 ? 'is' : 'are'} not shown. Senders use them to see who opened a message.
        </p>
      ) : null}
      <iframe className="app-mail-frame" title={`Message: ${message.subject}`} sandbox="" srcDoc={srcDoc} />
    </>
  );
}
