import { useSyncExternalStore } from 'react';
import type { WrapUpSaved } from '../../../shared/ipc';

/**
 * The last wrap-up saved in this window, so its confirmation (with what was redacted) outlives
 * the form: the workspace closes on save and the agent lands on "my calls today", which shows it.
 */
let recent: WrapUpSaved | null = null;
const listeners = new Set<() => void>();

function publish(next: WrapUpSaved | null): void {
  recent = next;
  for (const listener of listeners) listener();
}

export function announceSaved(result: WrapUpSaved): void {
  publish(result);
}

export function dismissSaved(): void {
  publish(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRecentSave(): WrapUpSaved | null {
  return useSyncExternalStore(subscribe, () => recent);
}
