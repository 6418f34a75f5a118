/**
 * The handlers of the mail channels (common/ipc/channels/mail.ts), over
 * MailService. The dispatcher has already validated each request and checked
 * the session; every view and change is audited by the service.
 */
import type { mailChannels } from '../../../common/ipc/channels/mail';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

const DONE = { done: true } as const;

export function createMailHandlers(services: Services): Pick<Handlers, keyof typeof mailChannels> {
  const mail = () => services.open().mail;
  return {
    'mail.accounts': () => mail().list(),
    'mail.syncNow': async ({ accountId }) => {
      await mail().syncNow(accountId);
      return DONE;
    },
    'mail.folders': ({ accountId }) => mail().folders(accountId),
    'mail.messages': ({ folderId, offset, limit }) => mail().messages(folderId, offset, limit),
    'mail.message': ({ messageId }, { session }) => mail().message(actor(session), messageId),
    'mail.search': ({ accountId, query }, { session }) => mail().search(actor(session), accountId, query),
    'mail.setFlag': ({ messageId, flag, on }, { session }) => {
      mail().setFlag(actor(session), messageId, flag, on);
      return DONE;
    },
    'mail.move': ({ messageId, toFolderId }, { session }) => {
      mail().move(actor(session), messageId, toFolderId);
      return DONE;
    },
    'mail.delete': ({ messageId }, { session }) => {
      mail().delete(actor(session), messageId);
      return DONE;
    },
    'mail.checkSecure': (request) => mail().checkSecure(request),
    'mail.send': (request, { session }) => mail().send(actor(session), request),
    'mail.outbox': ({ accountId }) => mail().outbox(accountId),
  };
}
