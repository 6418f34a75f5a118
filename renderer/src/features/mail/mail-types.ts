/** The shapes the mail pages work with, taken from the contract. */
import type { z } from 'zod';
import type { MailListItem as ListItemSchema, MailMessageView } from '../../../../common/ipc/channels/mail';

export type MailListItem = z.infer<typeof ListItemSchema>;
export type MailMessage = z.infer<typeof MailMessageView>;

export type QuickFilter = 'all' | 'unread' | 'flagged' | 'attachments';

export function applyFilter(messages: readonly MailListItem[], filter: QuickFilter): readonly MailListItem[] {
  if (filter === 'unread') return messages.filter((m) => !m.seen);
  if (filter === 'flagged') return messages.filter((m) => m.flagged);
  if (filter === 'attachments') return messages.filter((m) => m.hasAttachments);
  return messages;
}
