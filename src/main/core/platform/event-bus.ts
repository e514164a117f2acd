import type { IpcEventName, IpcEvents } from '../../../shared/ipc';

export type EventListener = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;

/** Main → renderer pushes, typed by the contract; the shell and the harness each subscribe. */
export interface EventBus {
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
