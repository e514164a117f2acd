import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccessWatch,
  type RecordedAccess,
} from '../../../src/main/core/access-audit/access-watch';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createAuditWriter } from '../../../src/main/core/access-audit/audit.repository';
import type { AuditKind } from '../../../src/main/core/access-audit/audit.table';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createDeskLock, type DeskLock } from '../../../src/main/core/desk-lock/desk-lock';
import { noDeskPin } from '../../../src/main/core/desk-lock/memory-pin-store';
import type { BulkAccessRule } from '../../../src/shared/access-audit/bulk-access-policies';

/**
 * The desk's bulk-access lock on a real SQLite cache, with a test clock: each metric locks past
 * its threshold and not at it, only inside its window, starts counting again after an unlock,
 * and a restart keeps the lock.
 */
let dir: string;
let database: LocalDatabase;
let clock: number;
let lock: DeskLock;
const T0 = Date.parse('2026-12-06T10:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-access-watch-'));
  database = await openDatabase({ filename: join(dir, 'cache.sqlite') });
  clock = T0;
  lock = createDeskLock({
    pins: noDeskPin(),
    desk: createCallDesk({}),
    idleMinutes: () => 10,
    checkEveryMs: 0,
    now: () => clock,
  });
});
afterEach(async () => {
  lock.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

function watchWith(rule: Omit<BulkAccessRule, 'policyId' | 'labelJa' | 'labelEn' | 'action'>) {
  const write = createAuditWriter(database.sqlite);
  const watch = createAccessWatch({
    sqlite: database.sqlite,
    lock,
    rules: () => [
      { ...rule, policyId: 'p', labelJa: '一括', labelEn: 'Bulk', action: 'lock_desk' },
    ],
    now: () => clock,
  });
  const access = (kind: AuditKind, detail: RecordedAccess['detail'] = {}) => {
    const entry = {
      kind,
      agentId: 'agent-1',
      customerId: null,
      callId: null,
      detail,
      at: new Date(clock).toISOString(),
    };
    write([entry]);
    watch.recorded(entry);
  };
  return { watch, access };
}

describe('the desk bulk-access lock', () => {
  it('customers opened outside calls: locks past the threshold, not at it; other kinds do not count', () => {
    const { access } = watchWith({
      metric: 'opened_outside_call',
      threshold: 3,
      windowMinutes: 60,
    });
    for (let i = 0; i < 3; i++) access('customer_opened');
    access('search', { customerIds: 'a,b,c,d' });
    access('pii_revealed');
    expect(lock.isLocked()).toBe(false);
    access('customer_opened');
    expect(lock.state().cause).toBe('policy');
  });

  it('a sweep counts distinct customers listed, and forgets what left the window', () => {
    const { access } = watchWith({ metric: 'search_sweep', threshold: 4, windowMinutes: 10 });
    access('search', { customerIds: 'a,b,c' });
    clock += 11 * 60_000; // a,b,c are out of the window
    access('search', { customerIds: 'd,e' });
    access('search', { customerIds: 'd,e,f,g' });
    expect(lock.isLocked()).toBe(false); // d,e,f,g: four
    access('search', { customerIds: 'g,h' });
    expect(lock.isLocked()).toBe(true);
  });

  it('counts again from the unlock; a restart keeps a lock nobody released', () => {
    const first = watchWith({ metric: 'reveals', threshold: 1, windowMinutes: 480 });
    first.access('pii_revealed');
    first.access('pii_revealed');
    expect(lock.isLocked()).toBe(true);
    clock += 1_000;
    first.watch.release();
    expect(lock.isLocked()).toBe(false);
    clock += 1_000;
    first.access('pii_revealed');
    expect(lock.isLocked()).toBe(false);
    first.access('pii_revealed');
    expect(lock.isLocked()).toBe(true);
    // A new watch over the same cache (the app restarted) starts locked.
    lock.releasePolicy();
    watchWith({ metric: 'reveals', threshold: 1, windowMinutes: 480 });
    expect(lock.state().cause).toBe('policy');
  });
});
