import { describe, expect, it } from 'vitest';
import { initialSyncStatus, type SyncStatus } from '../../../src/shared/sync-status';
import {
  formatRelativeTime,
  isSyncBusy,
  syncDisplayState,
} from '../../../src/renderer/src/sync/sync-display';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({ ...initialSyncStatus, ...patch });
const synced = status({
  online: true,
  stream: 'connected',
  lastSyncedAt: '2026-05-01T05:00:00.000Z',
});
const problem = (detail: string) => ({ code: 'offline' as const, detail });

describe('sync display state', () => {
  it('reads a healthy idle status as synced', () => {
    expect(syncDisplayState(synced)).toBe('synced');
  });

  it('shows work under way, the first sync apart', () => {
    expect(syncDisplayState({ ...synced, phase: 'pulling' })).toBe('syncing');
    expect(syncDisplayState({ ...synced, phase: 'pushing' })).toBe('syncing');
    expect(syncDisplayState(status({ phase: 'bootstrapping', pulledRecords: 12345 }))).toBe(
      'bootstrapping',
    );
    expect(isSyncBusy('bootstrapping')).toBe(true);
    expect(isSyncBusy('synced')).toBe(false);
  });

  it('tells offline, errors and a lost sign-in apart', () => {
    expect(syncDisplayState({ ...synced, online: false, error: problem('fetch failed') })).toBe(
      'offline',
    );
    expect(syncDisplayState({ ...synced, error: { code: 'server', detail: 'HTTP 500' } })).toBe(
      'error',
    );
    expect(
      syncDisplayState({
        ...synced,
        phase: 'signed_out',
        error: { code: 'unauthorized', detail: 'HTTP 401' },
      }),
    ).toBe('signedOut');
  });

  it('never says synced without a live change stream', () => {
    const waiting = { ...synced, stream: 'reconnecting' as const };
    expect(syncDisplayState(waiting)).toBe('reconnecting');
    expect(syncDisplayState({ ...synced, stream: 'connecting' })).toBe('connecting');
    // A stream that could not reach the server is not connected at all.
    expect(
      syncDisplayState({ ...waiting, online: false, error: { code: 'stream_silent', detail: '' } }),
    ).toBe('offline');
    // A desk that does not listen (driven by hand) is judged by its last sync alone.
    expect(syncDisplayState({ ...synced, stream: 'off' })).toBe('synced');
  });

  it('never says synced while a wrap-up stands refused', () => {
    expect(syncDisplayState({ ...synced, quarantined: 1 })).toBe('refused');
  });

  it('reads the status before any attempt as connecting, not offline', () => {
    expect(syncDisplayState(initialSyncStatus)).toBe('connecting');
  });
});

describe('relative time', () => {
  const now = new Date('2026-05-01T05:10:00.000Z');

  it('says "just now" for the last few seconds', () => {
    expect(formatRelativeTime('2026-05-01T05:09:55.000Z', now, 'ja', 'たった今')).toBe('たった今');
  });

  it('uses the largest whole unit, in the UI language', () => {
    expect(formatRelativeTime('2026-05-01T05:07:00.000Z', now, 'en', '-')).toBe('3 minutes ago');
    expect(formatRelativeTime('2026-05-01T05:07:00.000Z', now, 'ja', '-')).toBe('3 分前');
    expect(formatRelativeTime('2026-05-01T02:10:00.000Z', now, 'en', '-')).toBe('3 hours ago');
    expect(formatRelativeTime('2026-04-30T05:10:00.000Z', now, 'en', '-')).toBe('yesterday');
  });

  it('returns null for an unreadable instant', () => {
    expect(formatRelativeTime('not a date', now, 'en', '-')).toBeNull();
  });
});
