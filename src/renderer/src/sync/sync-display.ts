import type { SyncStatus } from '../../../shared/sync-status';

/** The one state the indicator shows for a sync status, most urgent first. */
export type SyncDisplayState =
  'signedOut' | 'bootstrapping' | 'syncing' | 'offline' | 'error' | 'connecting' | 'synced';

/**
 * Reads a status as the agent should see it. A sign-in problem wins (nothing syncs until it is
 * fixed); work in progress comes next; then the outcome of the last attempt. A status that has
 * never reached the retailer and has no error yet is still connecting, not offline.
 */
export function syncDisplayState(status: SyncStatus): SyncDisplayState {
  if (status.phase === 'signed_out') return 'signedOut';
  if (status.phase === 'bootstrapping') return 'bootstrapping';
  if (status.phase === 'pulling' || status.phase === 'pushing') return 'syncing';
  if (!status.online && status.error !== null) return 'offline';
  if (status.error !== null) return 'error';
  if (!status.online) return 'connecting';
  return 'synced';
}

/** The Mantine color of the dot for each state: calm when all is well, loud only when needed. */
export const syncStateColor: Record<SyncDisplayState, string> = {
  synced: 'teal',
  syncing: 'blue',
  bootstrapping: 'blue',
  connecting: 'gray',
  offline: 'gray',
  signedOut: 'orange',
  error: 'red',
};

/** Whether the dot pulses: only while work is visibly under way. */
export function isSyncBusy(state: SyncDisplayState): boolean {
  return state === 'syncing' || state === 'bootstrapping' || state === 'connecting';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "3 分前" / "3 minutes ago" for an instant, in the UI language; under ten seconds it is
 * `justNow` (the catalog's "たった今": Intl's bare "今" reads oddly). Null for an unreadable instant.
 */
export function formatRelativeTime(
  isoDateTime: string,
  now: Date,
  locale: string,
  justNow: string,
): string | null {
  const then = new Date(isoDateTime).getTime();
  if (Number.isNaN(then)) return null;
  const seconds = Math.round((then - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 10) return justNow;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return null;
}
