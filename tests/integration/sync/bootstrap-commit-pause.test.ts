import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import type { PullPage } from '../../../src/shared/protocol/sync';

/**
 * A bootstrap leaves the write lock free between two commits, as long as the last one held it
 * (up to the busy handler's longest sleep, 100 ms), even when the next pages are ready at once.
 * Back to back, a wrap-up save on the core's connection — waiting in SQLite's busy handler, which
 * sleeps between tries — missed the gaps and was refused after its 5 s busy timeout (sync bench,
 * 7 December: 2 saves of 530, loaded). The pages here come from memory, already whole, so no
 * wait for the network makes the gap: only the pause does. (Not the real server: its pages come
 * over a socket, whose waits would leave gaps of their own and hide a missing pause.)
 */
let dir: string;
let local: LocalDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-commit-pause-'));
  local = await openDatabase({ filename: join(dir, 'koe.sqlite') });
}, 60_000);

afterAll(async () => {
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a bootstrap between two commits', () => {
  it('leaves the write lock free at least as long as the commit before held it', async () => {
    const records = [...generateDemoRecords({ size: 'demo', customers: 600 })].flat();
    const batches = Array.from({ length: Math.ceil(records.length / 1_000) }, (_, i) =>
      records.slice(i * 1_000, (i + 1) * 1_000),
    );
    const pages: PullPage[] = batches.map((records, i) => ({
      protocolVersion: 1,
      cursor: String(i + 1),
      hasMore: i < batches.length - 1,
      records,
      deletions: [],
      purgeBefore: null,
      serverTime: new Date().toISOString(),
    }));
    expect(pages.length).toBeGreaterThan(3);
    const api = {
      openPull: async (since: string): Promise<OpenedPull> => ({
        announced: null,
        read: async () => pages[Number(since)]!,
        received: async () => undefined,
        cancel: () => {},
      }),
    } as unknown as RetailerApi;
    const commits: { heldMs: number; freeBeforeMs: number }[] = [];
    await pullChanges(local.sqlite, api, {
      onCommit: ({ heldMs, freeBeforeMs }) => commits.push({ heldMs, freeBeforeMs }),
    });
    expect(commits).toHaveLength(pages.length);
    for (let i = 1; i < commits.length; i++) {
      const wanted = Math.min(100, commits[i - 1]!.heldMs);
      expect(commits[i]!.freeBeforeMs, `before commit ${i + 1}`).toBeGreaterThanOrEqual(wanted);
    }
    expect(local.sqlite.prepare(`select value from sync_state where key = 'cursor'`).get()).toEqual(
      { value: String(pages.length) },
    );
  });
});
