import { Loader } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { IpcChannel, IpcError, IpcInput, IpcOutput } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';

/** A channel an admin panel reads with no input (the users, the desks, the locked accounts …). */
type ListChannel = {
  [C in IpcChannel]: C extends `admin:${string}`
    ? IpcInput<C> extends Record<string, never>
      ? C
      : never
    : never;
}[IpcChannel];

export type AdminList<T> =
  | { ready: false; placeholder: ReactElement }
  | {
      ready: true;
      value: T;
      /** The panel's own change after an action the server confirmed (a user disabled …). */
      setValue: (change: T | ((value: T) => T)) => void;
      /** An action's failure shown in the panel's place, with its retry reading the list again. */
      fail: (error: IpcError) => void;
      /** Reads the list again; the panel stays as it is until the answer comes. */
      reload: () => void;
    };

/**
 * What every admin panel does first: read its list from the retailer through `channel` when the
 * tab opens (and again on reload or retry), show a loader until it comes and the error with a
 * retry if it fails, then let the panel keep its copy current after each confirmed action.
 * `key` names the list in the channel's answer; without it the panel keeps the whole answer.
 */
export function useAdminList<C extends ListChannel, K extends keyof IpcOutput<C>>(
  channel: C,
  key: K,
): AdminList<IpcOutput<C>[K]>;
export function useAdminList<C extends ListChannel>(channel: C): AdminList<IpcOutput<C>>;
export function useAdminList<C extends ListChannel, T>(
  channel: C,
  key?: keyof IpcOutput<C>,
): AdminList<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void callKoe(channel, {} as IpcInput<C>).then((result) => {
      if (!current) return;
      if (result.ok) {
        const output = result.value as IpcOutput<C>;
        setValue((key === undefined ? output : output[key]) as T);
      }
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [channel, key, attempt]);

  if (error) return { ready: false, placeholder: <ErrorState error={error} onRetry={reload} /> };
  if (value === null) return { ready: false, placeholder: <Loader size="sm" /> };
  return {
    ready: true,
    value,
    setValue: (change) =>
      setValue((old) => (typeof change === 'function' ? (change as (v: T) => T)(old!) : change)),
    fail: setError,
    reload,
  };
}
