import { describe, expect, it } from 'vitest';
import { initialSyncStatus, type SyncStatus } from '../../../src/shared/sync-status';
import {
  formatRelativeTime,
  isSyncBusy,
  syncDisplayState,
} from '../../../src/renderer/src/sync/sync-display';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({ ...initialSyncStatus, ...patch });
const synced = status({ online: true, lastSyncedAt: '2026-05-01T05:00:00.000Z' });

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
    expect(syncDisplayState({ ...synced, online: false, error: 'fetch failed' })).toBe('offline');
    expect(syncDisplayState({ ...synced, error: 'HTTP 500' })).toBe('error');
    expect(syncDisplayState({ ...synced, phase: 'signed_out', error: 'HTTP 401' })).toBe(
      'signedOut',
    );
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
