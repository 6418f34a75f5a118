/**
 * A message's attachments. Pictures are shown in the page (from a blob: URL,
 * which the CSP allows); everything else is offered as a download. Each is
 * fetched from main when asked for (downloaded from the server on first open).
 */
import { useEffect, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { fileSize } from './mail-format';
import type { MailMessage } from './mail-types';

type Attachment = MailMessage['attachments'][number];
const PICTURE = /^image\/(png|jpeg|gif|webp)$/i;

export function AttachmentList({ api, attachments }: { api: CareHomeApi; attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <section className="app-mail-attachments" aria-labelledby="mail-attachments-heading">
      <h3 id="mail-attachments-heading" className="nhsuk-heading-s">
        Attachments ({attachments.length})
      </h3>
      <ul className="nhsuk-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <AttachmentItem api={api} attachment={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AttachmentItem({ api, attachment }: { api: CareHomeApi; attachment: Attachment }) {
  const picture = PICTURE.test(attachment.contentType);
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'opening' | 'problem'>('idle');
  const [problem, setProblem] = useState('');

  const take = (result: Awaited<ReturnType<CareHomeApi['mail']['attachment']>>): string | null => {
    if (!result.ok) {
      setState('problem');
      setProblem(result.error.message);
      return null;
    }
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    const blobUrl = URL.createObjectURL(new Blob([bytes], { type: result.value.contentType }));
    setUrl(blobUrl);
    setState('idle');
    return blobUrl;
  };
  const open = async (): Promise<string | null> => {
    setState('opening');
    return take(await api.mail.attachment({ attachmentId: attachment.id }));
  };

  // Pictures are shown straight away; other files only when asked for.
  useEffect(() => {
    if (picture) void api.mail.attachment({ attachmentId: attachment.id }).then(take);
    // Once per attachment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attachment.id]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  const download = async () => {
    const href = url ?? (await open());
    if (!href) return;
    const a = document.createElement('a');
    a.href = href;
    a.download = attachment.filename;
    a.click();
  };

  return (
    <div className="app-mail-attachment">
      <p className="app-mail-attachment__name">
        <strong>{attachment.filename}</strong>{' '}
        <span className="nhsuk-u-secondary-text-color">({fileSize(attachment.size)})</span>
      </p>
      {picture && url ? <img className="app-mail-attachment__picture" src={url} alt={attachment.filename} /> : null}
      {!picture ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => void download()}
          disabled={state === 'opening'}
        >
          {state === 'opening' ? 'Opening…' : `Save ${attachment.filename}`}
        </button>
      ) : null}
      {state === 'problem' ? (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
