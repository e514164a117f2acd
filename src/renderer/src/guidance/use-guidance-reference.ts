import { useSyncExternalStore } from 'react';
import type { GuidanceReference } from '../../../shared/ipc';
import { callKoe } from '../app/koe-call';
import type { KoeQuery } from '../app/use-koe-query';

/*
 * The guidance reference (taxonomy, scripts, policies) is the same for every call: the app reads
 * it once and again only when a sync has finished, so a ring never waits for it (it used to be
 * read at every ring, beside the caller's card, in the same main process).
 */
let snapshot: KoeQuery<GuidanceReference> = { status: 'loading', previous: null };
const listeners = new Set<() => void>();
let started = false;
let lastSyncedAt: string | null = null;
let readSeq = 0;

function publish(next: KoeQuery<GuidanceReference>): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

function read(): void {
  const seq = ++readSeq;
  void callKoe('guidance:reference', {}).then((result) => {
    // Only the newest read lands; a failed re-read keeps the reference already on screen.
    if (seq !== readSeq) return;
    if (result.ok) publish({ status: 'success', value: result.value });
    else if (snapshot.status !== 'success') {
      publish({ status: 'error', error: result.error, retry: read });
    }
  });
}

function start(): void {
  if (started) return;
  started = true;
  read();
  window.koe.on('sync:status', (status) => {
    if (status.phase !== 'idle' || status.lastSyncedAt === lastSyncedAt) return;
    lastSyncedAt = status.lastSyncedAt;
    read();
  });
}

function subscribe(listener: () => void): () => void {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current guidance reference, shared by every screen that needs it. */
export function useGuidanceReference(): KoeQuery<GuidanceReference> {
  return useSyncExternalStore(subscribe, () => snapshot);
}
