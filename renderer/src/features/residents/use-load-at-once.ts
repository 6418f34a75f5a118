/**
 * Like components/useLoad, but the request leaves in the same task as the page's first commit (a layout
 * effect), not after the browser has painted the loading state: on the resident pages this starts the
 * round trip to main tens of milliseconds sooner, while the previous page's table is still being torn
 * down. Nothing else differs: the latest answer wins, and the previous value stays on screen on reload.
 */
import { useCallback, useLayoutEffect, useState } from 'react';
import type { Result } from '../../../../common/ipc/result';
import type { Loaded } from '../../components/useLoad';

export function useLoadAtOnce<T>(load: () => Promise<Result<T>>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useLayoutEffect(() => {
    let current = true;
    void load().then((result) => {
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
