/**
 * The list of messages as an ARIA listbox that renders only the rows in view,
 * so a folder of 10,000 messages scrolls as smoothly as one of ten. Rows have
 * one fixed height; each rendered option says where it sits in the whole list
 * (aria-posinset/aria-setsize), so a screen reader still hears "3 of 10,000".
 * Keyboard: the list is one tab stop; arrows, Page Up/Down, Home and End move
 * the highlighted message, Enter or Space opens it.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { MailListItem } from './mail-types';
import { shortDate } from './mail-format';

export const ROW_HEIGHT = 72;
const VIEW_HEIGHT = 576;
const OVERSCAN = 6;

export function MessageList({
  messages,
  label,
  openId,
  onOpen,
}: {
  messages: readonly MailListItem[];
  label: string;
  openId: number | null;
  onOpen: (id: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const count = messages.length;
  const current = Math.min(active, Math.max(0, count - 1));

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  // Keep the highlighted row in view when the keyboard moves it (even to where it already is: Home after scrolling).
  const moveTo = (index: number) => {
    setActive(index);
    const el = box.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(VIEW_HEIGHT / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moveTo(Math.max(0, Math.min(count - 1, to)));
    } else if ((event.key === 'Enter' || event.key === ' ') && messages[current]) {
      event.preventDefault();
      onOpen(messages[current].id);
    }
  };

  if (count === 0) return <p className="app-mail-empty">No messages to show.</p>;
  const optionId = (id: number) => `mail-option-${id}`;
  return (
    <div
      ref={box}
      className="app-mail-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={messages[current] ? optionId(messages[current].id) : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="app-mail-list__spacer" style={{ height: count * ROW_HEIGHT }}>
        {messages.slice(first, last).map((m, i) => {
          const index = first + i;
          return (
            <div
              key={m.id}
              id={optionId(m.id)}
              role="option"
              aria-selected={m.id === openId}
              aria-posinset={index + 1}
              aria-setsize={count}
              className={[
                'app-mail-row',
                m.seen ? '' : 'app-mail-row--unread',
                index === current ? 'app-mail-row--active' : '',
              ].join(' ')}
              style={{ top: index * ROW_HEIGHT }}
              onClick={() => {
                setActive(index);
                onOpen(m.id);
              }}
            >
              <span className="app-mail-row__sender">
                {m.seen ? null : <span className="app-mail-tag">Unread</span>}
                {m.flagged ? <span className="app-mail-tag app-mail-tag--flag">Flagged</span> : null}
                {m.sender || 'Unknown sender'}
              </span>
              <span className="app-mail-row__date">{m.sentAt ? shortDate(m.sentAt) : ''}</span>
              <span className="app-mail-row__subject">
                {m.hasAttachments ? <span className="app-mail-tag">Attachment</span> : null}
                {m.subject || '(no subject)'}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
