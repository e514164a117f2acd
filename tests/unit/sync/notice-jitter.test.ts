import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createSyncEngine, type SyncEngine } from '../../../src/main/core/sync/sync-engine';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';

/**
 * A desk told of a change waits a random part of the spread the server asked for, then pulls
 * once, up to the newest cursor it was told (sync-engine.ts): thousands of desks told at once no
 * longer pull at once. The desk's cache is a real SQLite file; the retailer is a stand-in that
 * records the pulls asked for, so the clock can be Vitest's (a real server keeps real timers).
 */
describe('a desk told of changes', () => {
  let dir: string;
  let local: LocalDatabase;
  let engine: SyncEngine;
  let pulls: { since: string; until: string | undefined }[];
  let announce: (cursor: string, spreadMs: number) => void;

  const retailer: RetailerApi = {
    signIn: () => Promise.reject(new Error('not used')),
    pushVoc: () => Promise.resolve([]),
    async openPull(since, _limit, until): Promise<OpenedPull> {
      pulls.push({ since, until });
      const cursor = until ?? since;
      const page = {
        protocolVersion: 1 as const,
        cursor,
        hasMore: false,
        records: [],
        deletions: [],
        purgeBefore: null,
        serverTime: new Date().toISOString(),
      };
      return {
        announced: { cursor, hasMore: false },
        read: () => Promise.resolve(page),
        received: () => Promise.resolve(),
        cancel: () => {},
      };
    },
    listen: (handlers, signal) =>
      new Promise((resolve) => {
        announce = handlers.onChanges;
        handlers.onOpen();
        signal.addEventListener('abort', () => resolve({ retryMs: null }));
      }),
  };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    dir = mkdtempSync(join(tmpdir(), 'koe-notice-jitter-'));
    local = await openDatabase({ filename: join(dir, 'desk.sqlite') });
    // Past its bootstrap: a desk that pulls changes.
    syncStateStore(local.sqlite).set('cursor', '10');
    pulls = [];
    engine = createSyncEngine({
      sqlite: local.sqlite,
      api: retailer,
      onStatus: () => {},
      pullIntervalMs: 3_600_000,
      random: () => 0.5,
    });
    engine.start();
    // The pull made when the stream opens, to the head.
    await vi.advanceTimersByTimeAsync(0);
    expect(pulls.at(-1)).toEqual({ since: '10', until: undefined });
    pulls = [];
  });

  afterEach(async () => {
    await engine.stop();
    await local.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls after its random part of the spread, up to the cursor it was told', async () => {
    announce('20', 1_000);
    await vi.advanceTimersByTimeAsync(499);
    expect(pulls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(pulls).toEqual([{ since: '10', until: '20' }]);
  });

  it('pulls once for the notices heard while it waits, up to the newest', async () => {
    announce('20', 1_000);
    await vi.advanceTimersByTimeAsync(200);
    announce('40', 1_000);
    announce('30', 1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pulls).toEqual([{ since: '10', until: '40' }]);
  });

  it('pulls at once when the server asks for no spread (an older server)', async () => {
    announce('20', 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(pulls).toEqual([{ since: '10', until: '20' }]);
  });

  it('pulls to the head for anything but a notice', async () => {
    announce('20', 0);
    await vi.advanceTimersByTimeAsync(0);
    await engine.syncNow();
    expect(pulls).toEqual([
      { since: '10', until: '20' },
      { since: '20', until: undefined },
    ]);
  });
});
