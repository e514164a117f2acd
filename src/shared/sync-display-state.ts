import type { SyncStatus } from './sync-status';

/** The one state the indicator shows for a sync status, most urgent first. */
export type SyncDisplayState =
  | 'signedOut'
  | 'bootstrapping'
  | 'syncing'
  | 'offline'
  | 'error'
  | 'reconnecting'
  | 'connecting'
  | 'refused'
  | 'synced';

/**
 * Reads a status as the agent should see it. A sign-in problem wins (nothing syncs until it is
 * fixed); work in progress comes next; then the outcome of the last attempt. Synced is said only
 * while the live stream is connected (without it the desk would not hear of changes) and no
 * wrap-up stands refused. A status that has never reached the retailer and has no error yet is
 * still connecting, not offline.
 */
export function syncDisplayState(status: SyncStatus): SyncDisplayState {
  if (status.phase === 'signed_out') return 'signedOut';
  if (status.phase === 'bootstrapping') return 'bootstrapping';
  if (status.phase === 'pulling' || status.phase === 'pushing') return 'syncing';
  if (!status.online && status.error !== null) return 'offline';
  if (status.error !== null) return 'error';
  if (status.stream === 'reconnecting') return 'reconnecting';
  if (!status.online || status.stream === 'connecting') return 'connecting';
  if (status.quarantined > 0) return 'refused';
  return 'synced';
}
