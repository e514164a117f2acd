import { useCallback, useEffect, useState } from 'react';
import type { IpcChannel, IpcError, IpcInput, IpcOutput, IpcResult } from '../../../shared/ipc';
import { callKoe } from './koe-call';

export type KoeQuery<T> =
  | { status: 'idle' }
  /** `previous`: the last answer, to a different input (e.g. the previous search, kept on
   * screen while the next one runs so the list does not flicker on every keystroke). */
  | { status: 'loading'; previous: T | null }
  | { status: 'error'; error: IpcError; retry: () => void }
  | { status: 'success'; value: T };

interface Settled<T> {
  key: string;
  result: IpcResult<T>;
}

/**
 * Reads one channel for the given input (null: nothing to read). Results are keyed by the
 * request, so a slow answer to an old query never replaces the answer to the current one.
 */
export function useKoeQuery<C extends IpcChannel>(
  channel: C,
  input: IpcInput<C> | null,
): KoeQuery<IpcOutput<C>> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<IpcOutput<C>> | null>(null);
  // The effect depends on the input's value, not its identity: callers may pass a new object
  // literal on every render.
  const inputJson = input === null ? null : JSON.stringify(input);
  const key = inputJson === null ? null : `${channel}#${attempt}#${inputJson}`;
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (key === null || inputJson === null) return;
    let current = true;
    void callKoe(channel, JSON.parse(inputJson) as IpcInput<C>).then((result) => {
      if (current) setSettled({ key, result });
    });
    return () => {
      current = false;
    };
  }, [channel, key, inputJson]);

  if (key === null) return { status: 'idle' };
  if (settled?.key !== key) {
    return { status: 'loading', previous: settled?.result.ok ? settled.result.value : null };
  }
  return settled.result.ok
    ? { status: 'success', value: settled.result.value }
    : { status: 'error', error: settled.result.error, retry };
}
