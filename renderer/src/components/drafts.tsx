/**
 * Drafts: half-filled forms that survive the screen being locked.
 *
 * The lock screen unmounts every page (so no patient data stays in the page),
 * which would throw away what someone was typing. Forms that matter keep their
 * fields here instead: an in-memory store held above the lock gate, keyed by
 * the staff member's id so one person's draft is never shown to another.
 * Nothing is written to localStorage or anywhere else; closing the app or
 * signing out discards the drafts. PINs and passphrases are never kept here.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

export class DraftStore {
  private readonly drafts = new Map<string, unknown>();

  private static id(owner: number, key: string): string {
    return `${owner}\u0000${key}`;
  }

  get(owner: number, key: string): unknown {
    return this.drafts.get(DraftStore.id(owner, key));
  }

  set(owner: number, key: string, value: unknown): void {
    this.drafts.set(DraftStore.id(owner, key), value);
  }

  delete(owner: number, key: string): void {
    this.drafts.delete(DraftStore.id(owner, key));
  }

  /** Forget everything one staff member was typing (when they sign out). */
  deleteOwner(owner: number): void {
    const prefix = `${owner}\u0000`;
    for (const id of [...this.drafts.keys()]) if (id.startsWith(prefix)) this.drafts.delete(id);
  }

  clear(): void {
    this.drafts.clear();
  }
}

const StoreContext = createContext<DraftStore | null>(null);
const OwnerContext = createContext<number | null>(null);

export function DraftStoreProvider({ store, children }: { store: DraftStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Whose drafts the forms below read and write: the signed-in staff member. */
export function DraftOwner({ staffId, children }: { staffId: number; children: ReactNode }) {
  return <OwnerContext.Provider value={staffId}>{children}</OwnerContext.Provider>;
}

export type SetDraft<T> = (update: T | ((previous: T) => T)) => void;

/**
 * Like useState, but the value is kept for the signed-in staff member under
 * `key` until `discard()` is called, across the screen locking and unlocking.
 */
export function useDraft<T>(key: string, initial: T): [T, SetDraft<T>, () => void] {
  const store = useContext(StoreContext);
  const owner = useContext(OwnerContext);
  const [value, setValue] = useState<T>(() => {
    if (store && owner !== null) {
      const saved = store.get(owner, key);
      if (saved !== undefined) return saved as T;
    }
    return initial;
  });

  const set = useCallback<SetDraft<T>>(
    (update) => {
      setValue((previous) => {
        const next = typeof update === 'function' ? (update as (p: T) => T)(previous) : update;
        if (store && owner !== null) store.set(owner, key, next);
        return next;
      });
    },
    [store, owner, key],
  );

  const discard = useCallback(() => {
    if (store && owner !== null) store.delete(owner, key);
    setValue(initial);
    // `initial` is the first render's value on purpose, as with useState.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, owner, key]);

  return [value, set, discard];
}
