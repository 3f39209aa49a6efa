import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { handleKey, type KeyContext } from './handle-key.js';

/**
 * The one useInput of the app: every key goes to handleKey with the latest view state and frame
 * (kept in a ref, so the handler is registered once). A key also clears the last status line.
 */
export function useKeys(ctx: KeyContext): void {
  const ref = useRef(ctx);
  ref.current = ctx;
  const handler = useCallback((input: string, key: Key) => {
    const c = ref.current;
    if (c.session.getState().status !== null) c.session.clearStatus();
    handleKey(input, key, c);
  }, []);
  useInput(handler);
}
