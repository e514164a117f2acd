import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import type { SignedInAgent, WrapUpInput } from '../../../src/shared/ipc';
import { customerRecord } from '../../fixtures/retailer-records';

const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');
const CUSTOMERS = [
  { id: 'cus-1', familyName: '鈴木', givenName: '一郎', phone: '090-3141-5926' },
  { id: 'cus-2', familyName: '高橋', givenName: '美咲', phone: '080-2718-2818' },
  { id: 'cus-3', familyName: '渡辺', givenName: '健太', phone: '070-1618-0339' },
];
const WRAP_UPS = 6;

type Outbox = { seq: number; entity_id: string; payload: string; state: string }[];

/**
 * A cache made by today's code (migrations and the wrap-up save path, no key) with unsynced
 * wrap-ups in its outbox, copied while open so the rows are still in the WAL (as a crash
 * leaves it); then opened with a key: encrypted in place, every outbox row kept.
 */
async function plainCacheWithUnsyncedWrapUps(
  dir: string,
): Promise<{ file: string; outbox: Outbox }> {
  const live = join(dir, 'live');
  const file = join(dir, 'koe.sqlite');
  const database = await openDatabase({ filename: live });
  createRecordWriter(database.sqlite).apply([
    ...referenceRecords(START),
    ...CUSTOMERS.map((c) =>
      customerRecord({
        id: c.id,
        familyName: c.familyName,
        givenName: c.givenName,
        phones: [{ number: c.phone, kind: 'mobile' }],
      }),
    ),
  ]);
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const clock = { now: START };
  const desk = createCallDesk({ now: () => clock.now });
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events: createEventBus(),
      preferences: loadPreferences(dir),
      appVersion: 'test',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      desk,
      agent: () => AGENT,
      now: () => clock.now,
    }),
  );
  for (let i = 0; i < WRAP_UPS; i += 1) {
    const callId = `cti-${i}`;
    const customer = CUSTOMERS[i % CUSTOMERS.length]!;
    desk.apply({ type: 'ringing', callId, ani: customer.phone });
    clock.now += 5_000;
    desk.apply({ type: 'answered', callId });
    clock.now += 120_000;
    desk.apply({ type: 'ended', callId });
    clock.now += 30_000;
    const input: WrapUpInput = {
      callId,
      customerId: customer.id,
      orderId: null,
      reasonCodes: ['delivery.late'],
      predictedReason: null,
      sentiment: 'negative',
      resolution: 'resolved',
      avoidable: true,
      customerWords: `${customer.familyName}様: まだ届かない (${i})`,
      scriptId: null,
      scriptVersion: null,
      harassment: null,
    };
    const saved = await router.handle('wrapUp:save', input);
    expect(saved.ok).toBe(true);
  }
  const outbox = database.sqlite
    .prepare('select seq, entity_id, payload, state from outbox order by seq')
    .all() as Outbox;
  // The crash: the file and its WAL as they are on disk now, the connection never closed.
  copyFileSync(live, file);
  copyFileSync(`${live}-wal`, `${file}-wal`);
  await database.close();
  rmSync(live);
  return { file, outbox };
}

describe('a plain cache from before keys', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is encrypted in place at its first keyed open, keeping every unsynced wrap-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-plain-cache-'));
    dirs.push(dir);
    const { file, outbox } = await plainCacheWithUnsyncedWrapUps(dir);
    expect(outbox.filter((r) => r.state === 'pending')).toHaveLength(WRAP_UPS);
    // The rows are really in the plain WAL, readable, before the migration.
    expect(readFileSync(`${file}-wal`).includes(Buffer.from('まだ届かない'))).toBe(true);
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

    const key = randomBytes(32);
    const database = await openDatabase({ filename: file, key });
    const after = database.sqlite
      .prepare('select seq, entity_id, payload, state from outbox order by seq')
      .all() as Outbox;
    expect(after).toEqual(outbox);
    await database.close();

    const secrets = [
      'SQLite format 3',
      'まだ届かない',
      ...CUSTOMERS.flatMap((c) => [c.familyName, c.givenName, c.phone, c.phone.replace(/-/g, '')]),
    ];
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('koe.sqlite')) continue;
      const bytes = readFileSync(join(dir, name));
      for (const secret of secrets) {
        expect({ name, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({
          name,
          secret,
          found: false,
        });
      }
    }
    // And it opens again with the key (now as an encrypted file), still whole.
    const again = await openDatabase({ filename: file, key });
    expect(again.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({
      n: outbox.length,
    });
    expect(existsSync(file)).toBe(true);
    await again.close();
  });
});
