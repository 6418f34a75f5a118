/** Loads something through the API when a page opens, with a way to load it again. */
import { useCallback, useEffect, useState } from 'react';
import type { IpcError, Result } from '../../../common/ipc/result';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: IpcError };

/**
 * `load` runs on mount and on `reload()`; the latest answer wins. Keep the
 * previous value on screen while reloading, so lists do not flash empty.
 */
export function useLoad<T>(load: () => Promise<Result<T>>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; reloading is driven by `generation` only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}

/** The first refusal among several loads, so a page can show "You do not have permission". */
export function forbiddenAmong(...states: readonly Loaded<unknown>[]): IpcError | null {
  for (const state of states) if (state.status === 'error' && state.error.code === 'forbidden') return state.error;
  return null;
}
