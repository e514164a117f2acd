import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createDeskLock } from '../../../src/main/core/desk-lock/desk-lock';
import { noDeskPin } from '../../../src/main/core/desk-lock/memory-pin-store';
import { createDeskRevocation } from '../../../src/main/core/erasure/desk-revocation';
import { fillCache, NOW } from '../../fixtures/pii-fixture';

/**
 * What a revoked desk erases, on a real cache file: every customer, and every wrap-up with them
 * — a wrap-up the retailer never received too (the desk can send nothing more, and its key will
 * not open again), counted so the agent is told. The order is the issue's: lock, send, stop the
 * sync, erase, forget the grant. A restart of the same file stays locked.
 */
describe('the revoked desk’s erasure', () => {
  it('locks first, sends, stops the sync, then erases everything and counts the unsent wrap-up', async () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'koe-revoked-')), 'koe.sqlite');
    const database = await openDatabase({ filename });
    await fillCache(database.sqlite, database.db);
    database.sqlite
      .prepare(
        `insert into outbox (kind, entity_id, payload, created_at) values ('voc_record', 'v-unsent', '{}', ?)`,
      )
      .run(new Date(NOW).toISOString());
    const desk = createCallDesk({ now: () => NOW });
    const lock = createDeskLock({
      pins: noDeskPin(),
      desk,
      idleMinutes: () => 10,
      checkEveryMs: 0,
    });
    const steps: string[] = [];
    const count = (table: string) =>
      (database.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    const revocation = createDeskRevocation({
      sqlite: database.sqlite,
      lock,
      now: () => NOW,
      flush: async () => {
        // Locked before anything leaves, with no PIN set: revocation does not need one.
        steps.push(`flush locked=${lock.isLocked()} customers=${count('customers')}`);
      },
      stopSync: async () => void steps.push('stop sync'),
      forgetGrant: () => steps.push(`forget grant customers=${count('customers')}`),
      scrubAgainSoon: () => steps.push('scrub again'),
    });
    const detail = await revocation.revoked();
    expect(steps).toEqual([
      'flush locked=true customers=170',
      'stop sync',
      'forget grant customers=0',
    ]);
    expect(detail).toEqual({
      revokedAt: new Date(NOW).toISOString(),
      reason: 'device_revoked',
      erased: true,
      unsentWrapUps: 1,
    });
    expect(lock.state()).toMatchObject({ locked: true, cause: 'revoked', revoked: detail });
    for (const table of [
      'customers',
      'orders',
      'contacts',
      'voc_records',
      'outbox',
      'audit_log',
      'desk_calls',
    ])
      expect([table, count(table)]).toEqual([table, 0]);
    // Once: a second answer of device_revoked does not erase (or count) again.
    expect(await revocation.revoked()).toBe(detail);
    lock.close();
    await database.close();

    // The same file opened again (a desk started with its key given): locked from the start.
    const again = await openDatabase({ filename });
    const lockAgain = createDeskLock({
      pins: noDeskPin(),
      desk: createCallDesk({ now: () => NOW }),
      idleMinutes: () => 10,
      checkEveryMs: 0,
    });
    createDeskRevocation({
      sqlite: again.sqlite,
      lock: lockAgain,
      flush: async () => undefined,
      stopSync: async () => undefined,
      forgetGrant: () => undefined,
      scrubAgainSoon: () => undefined,
    });
    expect(lockAgain.state()).toMatchObject({ locked: true, cause: 'revoked' });
    expect(await lockAgain.unlock('000000')).toMatchObject({ unlocked: false });
    lockAgain.close();
    await again.close();
  });
});
