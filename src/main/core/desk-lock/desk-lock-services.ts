import type { IpcServices } from '../platform/router';
import type { DeskLock } from './desk-lock';

export function createDeskLockServices(
  lock: DeskLock,
): Pick<
  IpcServices,
  'lock:state' | 'lock:activity' | 'lock:lockNow' | 'lock:unlock' | 'lock:setPin'
> {
  return {
    'lock:state': () => lock.state(),
    'lock:activity': () => {
      lock.activity();
      return { ok: true as const };
    },
    'lock:lockNow': () => lock.lockNow('agent'),
    'lock:unlock': ({ pin }) => lock.unlock(pin),
    'lock:setPin': ({ pin, currentPin }) => lock.setPin(pin, currentPin),
  };
}
