import { useEffect, useState } from 'react';
import type { DeskAlert } from '../../../shared/floor-ipc';
import { callKoe } from '../app/koe-call';

/**
 * The alerts this desk raised, as the core records them (queued, told, taken, escalated):
 * read once, then kept current by `alerts:changed`. The screen says only what this says.
 */
export function useDeskAlerts(): DeskAlert[] {
  const [alerts, setAlerts] = useState<DeskAlert[]>([]);
  useEffect(() => {
    let current = true;
    const off = window.koe.on('alerts:changed', ({ alerts: next }) => {
      current = false;
      setAlerts(next);
    });
    void callKoe('alerts:mine', {}).then((result) => {
      // An event that arrived meanwhile is newer than this answer.
      if (current && result.ok) setAlerts(result.value.alerts);
    });
    return off;
  }, []);
  return alerts;
}
