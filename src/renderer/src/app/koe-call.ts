import type { IpcChannel, IpcInput, IpcOutput, IpcResult } from '../../../shared/ipc';

/**
 * Calls one contract channel. A transport failure (the bridge gone, a crashed main) becomes an
 * `unavailable` result, so every caller handles exactly one shape: the contract's result.
 */
export async function callKoe<C extends IpcChannel>(
  channel: C,
  input: IpcInput<C>,
): Promise<IpcResult<IpcOutput<C>>> {
  const invoke = window.koe[channel] as (input: IpcInput<C>) => Promise<IpcResult<IpcOutput<C>>>;
  try {
    return await invoke(input);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'unavailable', message: error instanceof Error ? error.message : '' },
    };
  }
}
