import {
  isIpcChannel,
  isIpcEventName,
  KOE_EVENT_CHANNEL,
  type IpcEventName,
  type IpcResult,
  type KoeTransport,
} from '../shared/ipc';

/** The part of Electron's ipcRenderer the transport uses, so tests can pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * `window.koe`'s transport over Electron IPC. Only contract channels reach ipcRenderer (a page
 * that calls the transport with any other name is refused here); events arrive on one channel
 * and each listener receives only the payload of the event it asked for, never Electron's
 * IpcRendererEvent (whose `sender` would hand the page ipcRenderer itself).
 */
export function createIpcTransport(ipc: IpcRendererLike): KoeTransport {
  const listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();
  let attached = false;

  const dispatch = (_event: unknown, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isIpcEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not keep the others from hearing the event.
        console.error(`A listener for ${event} failed`, error);
      }
    }
  };

  return {
    async invoke(channel, input): Promise<IpcResult<unknown>> {
      if (!isIpcChannel(channel)) {
        return failure(
          'unknown_channel',
          `There is no channel named ${JSON.stringify(String(channel))}.`,
        );
      }
      try {
        return (await ipc.invoke(channel, input)) as IpcResult<unknown>;
      } catch {
        // Main has no handler yet (still starting) or the call could not be cloned.
        return failure('unavailable', 'Koe is not ready to answer. Please try again.');
      }
    },
    subscribe(event, listener) {
      if (!isIpcEventName(event)) throw new Error(`Unknown Koe event: ${String(event)}`);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      // Wrapped so the same function subscribed twice is two subscriptions, removed one by one.
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      if (!attached) {
        ipc.on(KOE_EVENT_CHANNEL, dispatch);
        attached = true;
      }
      return () => {
        set.delete(wrapped);
        if (attached && [...listeners.values()].every((s) => s.size === 0)) {
          ipc.removeListener(KOE_EVENT_CHANNEL, dispatch);
          attached = false;
        }
      };
    },
  };
}

function failure(code: 'unknown_channel' | 'unavailable', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}
