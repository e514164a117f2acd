import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import type { SignedInAgent, WrapUpInput } from '../../../src/shared/ipc';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { customerRecord } from '../../fixtures/retailer-records';

/**
 * The desk's listeners (the agent's state and its report to the retailer, the window's event,
 * the softphone) hear a saved wrap-up after its durable commit: none of their work holds the
 * transaction, and what they announce is already on disk. Checked from a second connection
 * (as the retailer's report or a reader worker would read it): inside the transaction it would
 * not see the record yet.
 */
const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');

/**
 * The connection's synchronous level, read by a statement compiled now: SQLite works a pragma
 * out when its statement is compiled, and the cache's connection reuses statements by their text
 * (connection.ts), so `sqlite.pragma()` may answer with the level of an earlier compile.
 */
const synchronousOf = (sqlite: Sqlite.Database) =>
  Sqlite.prototype.prepare.call(sqlite, 'pragma synchronous').pluck().get();

let dir: string;
let database: LocalDatabase;
let other: Sqlite.Database;

afterEach(async () => {
  other?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('tells the listeners of a saved wrap-up after its record is committed', async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-wrapup-listeners-'));
  const file = join(dir, 'koe.sqlite');
  database = await openDatabase({ filename: file });
  createRecordWriter(database.sqlite).apply([
    ...referenceRecords(START),
    customerRecord({ id: 'cus-1', familyName: '佐藤', givenName: '花子' }),
  ]);
  other = new Sqlite(file, { readonly: true });
  const committedRecords = other.prepare('select count(*) as n from voc_records where call_id = ?');
  const clock = { now: START };
  const deskCalls = createDeskCallsRepository(database.sqlite, { now: () => clock.now });
  const desk = createCallDesk({ now: () => clock.now, persistence: deskCalls });
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
      deskCalls,
      agent: () => AGENT,
      now: () => clock.now,
    }),
  );
  desk.apply({ type: 'ringing', callId: 'call-1', ani: '090-1234-5678' });
  desk.apply({ type: 'answered', callId: 'call-1' });
  clock.now += 60_000;
  desk.apply({ type: 'ended', callId: 'call-1' });

  const heard: { inTransaction: boolean; committed: number }[] = [];
  desk.subscribe(({ cause, call }) => {
    if (cause !== 'wrapUpSaved') return;
    heard.push({
      inTransaction: database.sqlite.inTransaction,
      committed: (committedRecords.get(call.callId) as { n: number }).n,
    });
  });
  const input: WrapUpInput = {
    callId: 'call-1',
    customerId: 'cus-1',
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'resolved',
    avoidable: true,
    customerWords: '届かない',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  };
  const result = await router.handle('wrapUp:save', input);
  expect(result.ok, JSON.stringify(result)).toBe(true);
  expect(heard).toEqual([{ inTransaction: false, committed: 1 }]);
});

it("writes a saved wrap-up inside the desk's transaction, committed at synchronous=FULL", async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-wrapup-durable-'));
  database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  const { sqlite } = database;
  const desk = createCallDesk({ persistence: createDeskCallsRepository(sqlite) });
  const seen: { inTransaction: boolean; synchronous: unknown }[] = [];
  // The connection's first durable save and a later one.
  for (const callId of ['call-1', 'call-2']) {
    desk.apply({ type: 'ringing', callId, ani: '090-1234-5678' });
    desk.apply({ type: 'answered', callId });
    desk.apply({ type: 'ended', callId });
    const result = desk.saveWrapUp(callId, () =>
      seen.push({ inTransaction: sqlite.inTransaction, synchronous: synchronousOf(sqlite) }),
    );
    expect(result).toMatchObject({ ok: true, call: { state: 'done' } });
    // The cache's other writes stay at NORMAL (1).
    expect(synchronousOf(sqlite)).toBe(1);
  }
  // 2 is FULL: the WAL is fsynced at these commits.
  expect(seen).toEqual([
    { inTransaction: true, synchronous: 2 },
    { inTransaction: true, synchronous: 2 },
  ]);
});
