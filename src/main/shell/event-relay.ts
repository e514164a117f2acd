import type { IpcEventName, IpcEvents } from '../../shared/ipc';

export interface KoeEventMessage<E extends IpcEventName = IpcEventName> {
  event: E;
  payload: IpcEvents[E];
}

export interface EventRelay {
  deliver<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  /** The page finished loading (ready) or started loading again (not ready). */
  setReady(ready: boolean): void;
}

/**
 * Carries core events to the window. A koe:// link that starts the app arrives before the page
 * has loaded; such events wait here (a few, newest kept) and are sent once the page is ready,
 * so the agent's screen pop is not lost.
 */
export function createEventRelay(
  send: (message: KoeEventMessage) => void,
  capacity = 10,
): EventRelay {
  let ready = false;
  const pending: KoeEventMessage[] = [];
  return {
    deliver(event, payload) {
      const message = { event, payload } as KoeEventMessage;
      if (ready) return send(message);
      pending.push(message);
      if (pending.length > capacity) pending.shift();
    },
    setReady(next) {
      ready = next;
      while (ready && pending.length > 0) send(pending.shift() as KoeEventMessage);
    },
  };
}
