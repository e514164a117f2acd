import type { IpcErrorReason } from '../../../shared/ipc';
import { AccountLockedError, SyncError } from './sync-error';

/** Why a sign-in to a retailer set in Settings failed, as the reason the page words. */
export function signInRefusal(error: unknown): IpcErrorReason | undefined {
  if (!(error instanceof SyncError)) return undefined;
  if (error instanceof AccountLockedError) return 'account_locked';
  if (error.kind === 'unauthorized') return 'sign_in_refused';
  if (error.kind === 'user_disabled' || error.kind === 'center_disabled') return error.kind;
  if (error.kind === 'offline' || error.kind === 'server') return 'retailer_unreachable';
  if (error.kind === 'invalid_response') return 'retailer_unreadable';
  return undefined;
}
