/**
 * The handlers of the mail channels (common/ipc/channels/mail.ts), over
 * MailService. The dispatcher has already validated each request and checked
 * the session; every view and change is audited by the service. Before any
 * call about a mailbox, a folder, a message or an attachment, `check` makes
 * sure the staff member may read that mailbox (the home's: everyone; a
 * personal one: its owner only).
 */
import type { mailChannels } from '../../../common/ipc/channels/mail';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import type { MailboxTarget } from '../../services/mail/mailbox-access';
import type { StaffSession } from '../../services/auth/staff-session';
import { actor } from './actor';

const DONE = { done: true } as const;

export function createMailHandlers(services: Services): Pick<Handlers, keyof typeof mailChannels> {
  const mail = () => services.open().mail;
  const check = (session: StaffSession, target: MailboxTarget) => mail().access.check(actor(session), target);
  return {
    'mail.accounts': (_request, { session }) => mail().list(actor(session).staffId),
    'mail.setOwner': ({ accountId, staffId }, { session }) => {
      mail().access.setOwner(actor(session), accountId, staffId);
      return DONE;
    },
    'mail.personalMailboxes': () => mail().access.personalMailboxes(),
    'mail.syncNow': async ({ accountId }, { session }) => {
      check(session, { accountId });
      await mail().syncNow(accountId);
      return DONE;
    },
    'mail.folders': ({ accountId }, { session }) => {
      check(session, { accountId });
      return mail().folders(accountId);
    },
    'mail.messages': ({ folderId, offset, limit }, { session }) => {
      check(session, { folderId });
      return mail().messages(folderId, offset, limit);
    },
    'mail.message': ({ messageId }, { session }) => {
      check(session, { messageId });
      return mail().message(actor(session), messageId);
    },
    'mail.attachment': ({ attachmentId }, { session }) => {
      check(session, { attachmentId });
      return mail().openAttachment(actor(session), attachmentId);
    },
    'mail.search': ({ accountId, query }, { session }) => {
      check(session, { accountId });
      return mail().search(actor(session), accountId, query);
    },
    'mail.setFlag': ({ messageId, flag, on }, { session }) => {
      check(session, { messageId });
      mail().setFlag(actor(session), messageId, flag, on);
      return DONE;
    },
    'mail.move': ({ messageId, toFolderId }, { session }) => {
      check(session, { messageId });
      mail().move(actor(session), messageId, toFolderId);
      return DONE;
    },
    'mail.delete': ({ messageId }, { session }) => {
      check(session, { messageId });
      mail().delete(actor(session), messageId);
      return DONE;
    },
    'mail.checkSecure': (request) => mail().checkSecure(request),
    'mail.send': (request, { session }) => {
      check(session, { accountId: request.accountId });
      return mail().send(actor(session), request);
    },
    'mail.outbox': ({ accountId }, { session }) => {
      check(session, { accountId });
      return mail().outbox(accountId);
    },
  };
}
