import type { PowerMonitor } from 'electron';
import type { DeskLock } from '../core/desk-lock';

/**
 * The OS locked the screen or is going to sleep: the desk locks too (the core decides what that
 * means; this only passes the signal on). Returns the way to stop listening.
 */
export function lockOnSystemLock(
  power: Pick<PowerMonitor, 'on' | 'off'>,
  lock: Pick<DeskLock, 'lockNow'>,
): () => void {
  const onLock = () => void lock.lockNow('system');
  power.on('lock-screen', onLock);
  power.on('suspend', onLock);
  return () => {
    power.off('lock-screen', onLock);
    power.off('suspend', onLock);
  };
}
