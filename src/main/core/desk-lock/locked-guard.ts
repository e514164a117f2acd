import { ipcChannels, type IpcChannel } from '../../../shared/ipc';
import { AppError } from '../platform/errors';
import type { IpcServices } from '../platform/router';

/**
 * What still answers while the desk is locked: the lock itself, the agent's state, the app's
 * shell (language, sync, CTI address), and the last draft of a wrap-up (it returns nothing). Deny by default: a channel added later that returns
 * customer data is refused behind the lock until someone decides otherwise here.
 */
export const OPEN_WHILE_LOCKED: ReadonlySet<IpcChannel> = new Set<IpcChannel>([
  'app:info',
  'app:setLocale',
  'sync:status',
  'sync:now',
  'cti:info',
  'lock:state',
  'lock:unlock',
  'lock:activity',
  'lock:lockNow',
  'lock:setPin',
  'agentState:get',
  'agentState:choose',
  // Write-only: the wrap-up typed just before the OS locked the screen is still kept.
  'calls:saveDraft',
]);

/**
 * What also answers while the desk is locked only for being offline past its grace: the agent
 * can still end and wrap up a call (the outbox keeps the record until the retailer is back);
 * none of these returns customer data.
 */
export const OPEN_WHILE_OFFLINE_LOCKED: ReadonlySet<IpcChannel> = new Set<IpcChannel>([
  'calls:end',
  'wrapUp:save',
  'lock:wrapUps',
]);

/** The services, each refusing with `locked` while the desk is locked (unless open above). */
export function refuseWhileLocked(
  services: IpcServices,
  isLocked: () => boolean,
  /** True while the only lock in force is the offline grace's. */
  onlyOfflineLocked: () => boolean = () => false,
): IpcServices {
  const guarded: Record<string, (input: never) => unknown> = {};
  for (const name of ipcChannels) {
    const service = services[name] as (input: never) => unknown;
    const openOffline = OPEN_WHILE_OFFLINE_LOCKED.has(name);
    guarded[name] = OPEN_WHILE_LOCKED.has(name)
      ? service
      : (input) => {
          if (isLocked() && !(openOffline && onlyOfflineLocked())) {
            throw new AppError('locked', 'The desk is locked: enter your desk PIN to go on.');
          }
          return service(input);
        };
  }
  return guarded as IpcServices;
}
