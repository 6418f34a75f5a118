/**
 * Writing, replying and forwarding. What is typed is kept as a draft (above
 * the lock screen, for the signed-in staff member) until it is sent or thrown
 * away. NHSmail's rule is shown as you type: mail to an address outside the
 * secure NHSmail domains gets "[secure]" in its subject (so it is encrypted)
 * unless the sender chooses otherwise; if patient information would go to a
 * non-secure address unencrypted, the app warns and asks before sending.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary';
import { useDraft } from '../../components/drafts';
import { TextField } from '../../components/fields';
import { WarningCallout } from '../../components/panels';
import { badAddresses, splitAddresses, type ComposeDraft } from './compose-text';

const REASONS: Record<string, string> = {
  resident: 'You said it is about a resident.',
  nhs_number: 'It contains what looks like an NHS number.',
  date_of_birth: 'It contains what looks like a date of birth.',
  attachment: 'It has attachments.',
  clinical_words: 'It uses clinical words (for example a diagnosis or medicine).',
};

interface SecureCheckResult {
  readonly subject: string;
  readonly warn: boolean;
  readonly nonSecure: readonly string[];
  readonly reasons: readonly string[];
}

export function ComposeForm({
  api,
  accountId,
  draftKey,
  start,
  heading,
  onSent,
  onClose,
}: {
  api: CareHomeApi;
  accountId: string;
  draftKey: string;
  start: ComposeDraft;
  heading: string;
  onSent: (subject: string) => void;
  onClose: () => void;
}) {
  const [draft, setDraft, discard] = useDraft<ComposeDraft>(`mail-compose:${draftKey}`, start);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [check, setCheck] = useState<SecureCheckResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const textId = useId();
  const set = (field: keyof ComposeDraft) => (value: string | boolean) => {
    setConfirming(false);
    setDraft((d) => ({ ...d, [field]: value }));
  };

  // The [secure] rule, worked out by main as the recipients and words change.
  useEffect(() => {
    const recipients = [...splitAddresses(draft.to), ...splitAddresses(draft.cc)];
    const timer = setTimeout(() => {
      void api.mail
        .checkSecure({
          recipients,
          subject: draft.subject,
          body: draft.text.slice(0, 1_000_000),
          attachmentNames: [],
          aboutResident: draft.aboutResident,
          declineSecure: draft.declineSecure,
        })
        .then((r) => setCheck(r.ok ? r.value : null));
    }, 250);
    return () => clearTimeout(timer);
  }, [api, draft]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (splitAddresses(draft.to).length === 0)
      found.push({ fieldId: 'mail-to', message: 'Enter who the message is to' });
    const bad = [...badAddresses(draft.to), ...badAddresses(draft.cc)];
    if (bad.length > 0) found.push({ fieldId: 'mail-to', message: `Check these email addresses: ${bad.join(', ')}` });
    if (!draft.subject.trim()) found.push({ fieldId: 'mail-subject', message: 'Enter a subject' });
    setErrors(found);
    if (found.length > 0) return;
    if (check?.warn && !confirming) {
      setConfirming(true);
      return;
    }
    setSending(true);
    const result = await api.mail.send({
      accountId,
      to: splitAddresses(draft.to),
      cc: splitAddresses(draft.cc),
      subject: draft.subject,
      text: draft.text,
      declineSecure: draft.declineSecure,
      attachments: [],
    });
    setSending(false);
    if (!result.ok) {
      setErrors([{ message: result.error.message }]);
      return;
    }
    discard();
    onSent(result.value.subject);
  };

  const encrypted = check !== null && /\[secure\]/i.test(check.subject);
  return (
    <form className="app-mail-compose" onSubmit={(e) => void send(e)} noValidate aria-labelledby="mail-compose-heading">
      <h2 id="mail-compose-heading" className="nhsuk-heading-m">
        {heading}
      </h2>
      <ErrorSummary errors={errors} />
      <TextField
        id="mail-to"
        label="To"
        hint="Email addresses, separated by commas"
        value={draft.to}
        onChange={set('to')}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField id="mail-cc" label="Copy to (optional)" value={draft.cc} onChange={set('cc')} spellCheck={false} />
      <TextField id="mail-subject" label="Subject" value={draft.subject} onChange={set('subject')} />
      {check ? (
        <p className="app-mail-notice" role="status" aria-live="polite">
          {encrypted
            ? `This will be sent encrypted. The subject will be: ${check.subject}`
            : check.nonSecure.length > 0
              ? `This will NOT be encrypted. The subject will be: ${check.subject}`
              : 'All recipients use secure NHSmail: the message is protected without [secure].'}
        </p>
      ) : null}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={textId}>
          Message
        </label>
        <textarea
          id={textId}
          className="nhsuk-textarea"
          rows={10}
          value={draft.text}
          onChange={(e) => set('text')(e.target.value)}
        />
      </div>
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <Checkbox
            id="mail-about-resident"
            label="This message is about a resident"
            checked={draft.aboutResident}
            onChange={set('aboutResident')}
          />
          <Checkbox
            id="mail-decline-secure"
            label="Send without encryption (do not add [secure])"
            checked={draft.declineSecure}
            onChange={set('declineSecure')}
          />
        </div>
      </div>
      {confirming && check?.warn ? (
        <WarningCallout heading="This may send patient information without protection">
          <p>It would go unencrypted to: {check.nonSecure.join(', ')}.</p>
          <ul>
            {check.reasons.map((r) => (
              <li key={r}>{REASONS[r] ?? r}</li>
            ))}
          </ul>
          <p>Only send it if you are sure this is allowed. Otherwise untick “Send without encryption”.</p>
        </WarningCallout>
      ) : null}
      <div className="app-mail-actions">
        <button type="submit" className="nhsuk-button" disabled={sending}>
          {sending ? 'Sending…' : confirming ? 'Send anyway' : 'Send'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => {
            discard();
            onClose();
          }}
        >
          Discard
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onClose}>
          Keep as draft and close
        </button>
      </div>
    </form>
  );
}

function Checkbox(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="nhsuk-checkboxes__item">
      <input
        className="nhsuk-checkboxes__input"
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={props.id}>
        {props.label}
      </label>
    </div>
  );
}
