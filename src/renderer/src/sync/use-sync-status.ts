import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../shared/ipc';
import type { SyncStatus } from '../../../shared/sync-status';
import { callKoe } from '../app/koe-call';

export interface SyncStatusState {
  /** Null until the first answer or push. */
  status: SyncStatus | null;
  /** Why the status could not be read (the core unreachable), when it could not. */
  loadError: IpcError | null;
  /** Why the last "sync now" was refused, if it was. */
  syncNowError: IpcError | null;
  syncNowPending: boolean;
  syncNow(): void;
}

/**
 * The sync status: read once with `sync:status`, then kept current by the `sync:status` pushes.
 * A push always wins over an answer that was asked for before it arrived.
 */
export function useSyncStatus(): SyncStatusState {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [syncNowError, setSyncNowError] = useState<IpcError | null>(null);
  const [syncNowPending, setSyncNowPending] = useState(false);
  /** Counts pushes, so an answer older than the latest push is dropped. */
  const pushes = useRef(0);

  useEffect(() => {
    let current = true;
    const off = window.koe.on('sync:status', (pushed) => {
      pushes.current += 1;
      setStatus(pushed);
      setLoadError(null);
    });
    const asked = pushes.current;
    void callKoe('sync:status', {}).then((result) => {
      if (!current || pushes.current !== asked) return;
      if (result.ok) setStatus(result.value);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
      off();
    };
  }, []);

  const syncNow = useCallback(() => {
    const asked = pushes.current;
    setSyncNowPending(true);
    setSyncNowError(null);
    void callKoe('sync:now', {}).then((result) => {
      setSyncNowPending(false);
      if (!result.ok) setSyncNowError(result.error);
      else if (pushes.current === asked) setStatus(result.value);
    });
  }, []);

  return { status, loadError, syncNowError, syncNowPending, syncNow };
}
