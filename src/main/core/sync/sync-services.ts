import type { SignOutResult } from '../../../shared/ipc';
import type { SyncStatus } from '../../../shared/sync-status';
import type { CallDesk } from '../calls';
import { AppError } from '../platform/errors';
import type { IpcServices } from '../platform/router';

/** The retailer this desk syncs with, as the channels see it. */
export interface RetailerServices {
  url: string;
  isDemo: boolean;
  status(): SyncStatus;
  syncNow(): void;
}

/** The sync:* and retailer:* channels: the sync's status, a sync now, sign-in and sign-out. */
export function createSyncServices(deps: {
  retailer: RetailerServices | null;
  desk: CallDesk;
  connectRetailer(input: { retailerUrl: string; email: string; password: string }): Promise<{
    retailerUrl: string;
  }>;
  signOut?: ((wipe: boolean) => Promise<SignOutResult>) | undefined;
}): Pick<IpcServices, 'sync:status' | 'sync:now' | 'retailer:connect' | 'retailer:signOut'> {
  const { retailer, desk } = deps;
  const syncStatus = () => {
    if (!retailer) throw new AppError('unavailable', 'No retailer is configured.', 'no_retailer');
    return retailer.status();
  };
  return {
    'sync:status': () => syncStatus(),
    'sync:now': () => {
      const status = syncStatus();
      retailer?.syncNow();
      return status;
    },
    'retailer:connect': (input) => deps.connectRetailer(input),
    'retailer:signOut': ({ wipe }) => {
      if (!deps.signOut) throw new AppError('unavailable', 'No retailer is configured.');
      if (desk.isCallActive())
        throw new AppError('conflict', 'Finish the call and its wrap-up before signing out.');
      return deps.signOut(wipe);
    },
  };
}
