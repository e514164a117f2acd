import type { SyncDisplayState } from '../../../shared/sync-display-state';

// The state itself is read in shared/ (the core's tests judge the status the way the UI does).
export { syncDisplayState, type SyncDisplayState } from '../../../shared/sync-display-state';

/** The Mantine color of the dot for each state: calm when all is well, loud only when needed. */
export const syncStateColor: Record<SyncDisplayState, string> = {
  synced: 'teal',
  syncing: 'blue',
  bootstrapping: 'blue',
  connecting: 'gray',
  reconnecting: 'yellow',
  offline: 'gray',
  signedOut: 'orange',
  error: 'red',
  refused: 'red',
};

/** Whether the dot pulses: only while work is visibly under way. */
export function isSyncBusy(state: SyncDisplayState): boolean {
  return (
    state === 'syncing' ||
    state === 'bootstrapping' ||
    state === 'connecting' ||
    state === 'reconnecting'
  );
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
