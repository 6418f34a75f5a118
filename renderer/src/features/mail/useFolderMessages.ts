/**
 * Every message in a folder, fetched in pages of 500 (the channel's limit) so
 * the list can filter and scroll without asking main again. A newer request
 * (another folder, a refresh) makes older answers be ignored.
 */
import { useEffect, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import type { MailListItem } from './mail-types';

const PAGE = 500;
/** Beyond this the list shows the newest and says so; search reaches the rest. */
export const MOST_SHOWN = 50_000;

export type FolderMessages =
  | { status: 'loading' }
  | { status: 'ok'; messages: readonly MailListItem[]; complete: boolean }
  | { status: 'error'; error: IpcError };

export function useFolderMessages(api: CareHomeApi, folderId: number | null, generation: number): FolderMessages {
  const [state, setState] = useState<FolderMessages>({ status: 'loading' });
  useEffect(() => {
    if (folderId === null) return;
    let current = true;
    void (async () => {
      const all: MailListItem[] = [];
      for (let offset = 0; offset < MOST_SHOWN; offset += PAGE) {
        const page = await api.mail.messages({ folderId, offset, limit: PAGE });
        if (!current) return;
        if (!page.ok) {
          setState({ status: 'error', error: page.error });
          return;
        }
        all.push(...page.value);
        // Show the first page at once; the rest fill in behind it.
        setState({ status: 'ok', messages: [...all], complete: page.value.length < PAGE });
        if (page.value.length < PAGE) return;
      }
    })();
    return () => {
      current = false;
    };
  }, [api, folderId, generation]);
  return state;
}
