import Sqlite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import type { CallDraft } from '../../../src/shared/calls/call-draft';
import type { CallsState, IpcResult, SignedInAgent, WrapUpInput } from '../../../src/shared/ipc';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { startKoeCore } from '../../../src/main/core/koe-core';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { customerRecord } from '../../fixtures/retailer-records';
import { SPOKEN_CARD, wrapUpDraftWith } from './draft-fixtures';

const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');
const PAN_DIGITS = SPOKEN_CARD.replaceAll(' ', '');

/**
 * The services on a real cache file, with the desk they make for themselves (kept on disk in
 * `desk_calls`). Opening the same file again is what the app does after a restart.
 */
async function desk(file: string, seed: boolean) {
  const database = await openDatabase({ filename: file });
  if (seed) {
    createRecordWriter(database.sqlite).apply([
      ...referenceRecords(START),
      customerRecord({ id: 'cus-1', familyName: '佐藤', givenName: '花子' }),
    ]);
  }
  const clock = { now: START };
  // The desk as the services make it for themselves, built here so a test can listen to it.
  const deskCalls = createDeskCallsRepository(database.sqlite, { now: () => clock.now });
  const callDesk = createCallDesk({ now: () => clock.now, persistence: deskCalls });
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events: createEventBus(),
      preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
      appVersion: 'test',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      desk: callDesk,
      deskCalls,
      agent: () => AGENT,
      now: () => clock.now,
    }),
  );
  const call = async <T>(channel: string, input: unknown): Promise<IpcResult<T>> =>
    (await router.handle(channel, input)) as IpcResult<T>;
  const value = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await call<T>(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  /** A typed call, taken and ended: it waits for its wrap-up. */
  const endedCall = async (phone: string) => {
    const started = await value<{ callId: string }>('calls:start', { phone });
    clock.now += 60_000;
    await value('calls:end', { callId: started.callId });
    return started.callId;
  };
  const wrapUp = (callId: string, words: string): WrapUpInput => ({
    callId,
    customerId: 'cus-1',
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'callback',
    callbackAt: new Date(clock.now + 86_400_000).toISOString(),
    avoidable: true,
    customerWords: words,
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  });
  const count = (table: string) =>
    (database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return { database, desk: callDesk, clock, call, value, endedCall, wrapUp, count };
}

describe('wrap-up drafts kept by the core', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const closing = (database: LocalDatabase) => {
    cleanups.push(() => database.close());
    return database;
  };

  it('keeps the waiting call and its draft through another call and a restart', async () => {
    const file = join(tempDir('koe-drafts-'), 'koe.sqlite');
    const first = await desk(file, true);
    const a = await first.endedCall('090-1234-5678');
    const draft = wrapUpDraftWith('荷物がまだ届きません。');
    expect(await first.value('calls:saveDraft', { callId: a, draft })).toEqual({ kept: true });

    // B rings during A's wrap-up, and is saved first.
    const b = await first.endedCall('03-5555-0123');
    await first.value('wrapUp:save', first.wrapUp(b, 'B の言葉'));
    const before = await first.value<CallsState>('calls:state', {});
    expect(before.waiting.map((c) => c.callId)).toEqual([a]);
    expect(before.drafts).toEqual({ [a]: draft });
    await first.database.close();

    // The app starts again on the same file: A still waits, with the draft as it was left.
    const second = await desk(file, false);
    closing(second.database);
    const after = await second.value<CallsState>('calls:state', {});
    expect(after.waiting.map((c) => [c.callId, c.state])).toEqual([[a, 'wrap_up']]);
    expect(after.current?.callId).toBe(a);
    expect(after.drafts).toEqual({ [a]: draft });
    expect(after.today.map((c) => c.callId)).toEqual([b, a]);

    // Saved, it no longer waits and its draft is gone (in the same step as the record).
    await second.value('wrapUp:save', second.wrapUp(a, '荷物がまだ届きません。'));
    const done = await second.value<CallsState>('calls:state', {});
    expect(done.waiting).toEqual([]);
    expect(done.drafts).toEqual({});
    expect(second.count('desk_calls where draft is not null')).toBe(0);
  });

  it('does not keep a draft for a call that is no longer waiting', async () => {
    const world = await desk(join(tempDir('koe-drafts-'), 'koe.sqlite'), true);
    closing(world.database);
    const a = await world.endedCall('090-1234-5678');
    await world.value('wrapUp:save', world.wrapUp(a, 'saved'));
    // A late draft (the form's last change, sent after the save) writes nothing.
    expect(
      await world.value('calls:saveDraft', { callId: a, draft: wrapUpDraftWith('late') }),
    ).toEqual({ kept: false });
    expect((await world.value<CallsState>('calls:state', {})).drafts).toEqual({});
    // An unknown call, likewise.
    expect(
      await world.value('calls:saveDraft', { callId: 'nope', draft: wrapUpDraftWith('x') }),
    ).toEqual({ kept: false });
  });

  it('refuses a malformed draft with a clear error and keeps the one before it', async () => {
    const world = await desk(join(tempDir('koe-drafts-'), 'koe.sqlite'), true);
    closing(world.database);
    const a = await world.endedCall('090-1234-5678');
    const good = wrapUpDraftWith('first words');
    await world.value('calls:saveDraft', { callId: a, draft: good });
    const hostile = {
      ...good,
      wrapUp: { ...good.wrapUp, form: { ...good.wrapUp?.form, customerWords: 'x'.repeat(5000) } },
    };
    const refused = await world.call('calls:saveDraft', { callId: a, draft: hostile });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const extra = await world.call('calls:saveDraft', { callId: a, draft: { ...good, html: 1 } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await world.value<CallsState>('calls:state', {})).drafts[a]).toEqual(good);
  });

  it('never writes a card number read out on the call to disk, in the words or the note', async () => {
    const dir = tempDir('koe-drafts-');
    const file = join(dir, 'koe.sqlite');
    const world = await desk(file, true);
    const a = await world.endedCall('090-1234-5678');
    const base = wrapUpDraftWith(`カード番号は ${SPOKEN_CARD} です`);
    const incident = {
      flaggedAt: '2026-11-23T01:00:00.000Z',
      warningsGiven: 1,
      callTerminated: false,
      // The wrap-up's own copy of the note, with the card written another way.
      note: `怒鳴られた ４１１１．１１１１．１１１１．１１１１ cvv123`,
    };
    const draft: CallDraft = {
      ...base,
      harassmentNote: `shouted ${PAN_DIGITS}`,
      wrapUp: { ...base.wrapUp!, context: { ...base.wrapUp!.context, harassment: incident } },
    };
    await world.value('calls:saveDraft', { callId: a, draft });
    const kept = (await world.value<CallsState>('calls:state', {})).drafts[a];
    expect(kept?.wrapUp?.form.customerWords).toBe('カード番号は [REDACTED_CARD] です');
    expect(kept?.harassmentNote).not.toContain(PAN_DIGITS);
    expect(kept?.wrapUp?.context.harassment?.note).toBe(
      '怒鳴られた [REDACTED_CARD] cvv[REDACTED_CVV]',
    );
    // The bytes on disk (the database and its write-ahead log): no trace of the number.
    await world.database.close();
    for (const name of ['koe.sqlite', 'koe.sqlite-wal']) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path).toString('latin1');
      expect(bytes.includes(PAN_DIGITS), name).toBe(false);
      expect(bytes.includes(SPOKEN_CARD), name).toBe(false);
    }
  });

  it('saves the record and moves the call to done in one transaction', async () => {
    const world = await desk(join(tempDir('koe-drafts-'), 'koe.sqlite'), true);
    closing(world.database);
    const a = await world.endedCall('090-1234-5678');
    await world.value('calls:saveDraft', { callId: a, draft: wrapUpDraftWith('words') });
    // The desk's row cannot be written (a full disk, say): nothing of the save may remain.
    world.database.sqlite.exec(
      `create trigger desk_write_fails before update on desk_calls
       begin select raise(abort, 'disk full'); end`,
    );
    const result = await world.call('wrapUp:save', world.wrapUp(a, 'words'));
    expect(result.ok).toBe(false);
    expect(world.count('voc_records')).toBe(0);
    expect(world.count('outbox')).toBe(0);
    const state = await world.value<CallsState>('calls:state', {});
    expect(state.waiting.map((c) => c.callId)).toEqual([a]);
    expect(state.drafts[a]?.wrapUp?.form.customerWords).toBe('words');

    // Once the disk takes writes again, the same save goes through.
    world.database.sqlite.exec('drop trigger desk_write_fails');
    await world.value('wrapUp:save', world.wrapUp(a, 'words'));
    expect(world.count('voc_records')).toBe(1);
    expect((await world.value<CallsState>('calls:state', {})).waiting).toEqual([]);
  });

  it('tells the listeners of a saved wrap-up after its record is committed', async () => {
    // The desk's listeners (the agent's state and its report to the retailer, the window's
    // event, the softphone) run after the durable commit: none of their work holds the
    // transaction, and what they announce is on disk. Read from a second connection, as a
    // reader worker would: inside the transaction it would not see the record yet.
    const file = join(tempDir('koe-drafts-'), 'koe.sqlite');
    const world = await desk(file, true);
    closing(world.database);
    const other = new Sqlite(file, { readonly: true });
    cleanups.push(() => void other.close());
    const records = other.prepare('select count(*) as n from voc_records where call_id = ?');
    const a = await world.endedCall('090-1234-5678');
    const heard: { inTransaction: boolean; committed: number }[] = [];
    world.desk.subscribe(({ cause, call }) => {
      if (cause !== 'wrapUpSaved') return;
      const { n } = records.get(call.callId) as { n: number };
      heard.push({ inTransaction: world.database.sqlite.inTransaction, committed: n });
    });
    await world.value('wrapUp:save', world.wrapUp(a, 'words'));
    expect(heard).toEqual([{ inTransaction: false, committed: 1 }]);
  });

  it("writes the record in the desk's transaction, committed at synchronous=FULL", async () => {
    const world = await desk(join(tempDir('koe-drafts-'), 'koe.sqlite'), true);
    closing(world.database);
    const { sqlite } = world.database;
    const seen: { inTransaction: boolean; synchronous: unknown }[] = [];
    // The connection's first durable save and a later one.
    for (const phone of ['090-1234-5678', '03-5555-0123']) {
      const callId = await world.endedCall(phone);
      const result = world.desk.saveWrapUp(callId, () =>
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

  it('loses no acknowledged draft when the app is killed mid-write (SIGKILL)', async () => {
    for (let run = 0; run < 3; run++) {
      const dataDir = tempDir('koe-drafts-crash-');
      // Killed after a random number of acknowledged saves, usually in the middle of the next.
      const killAfter = 5 + Math.floor(Math.random() * 60);
      const { callId, acked } = await runChildUntilKilled(dataDir, killAfter);
      expect(acked).toBeGreaterThanOrEqual(killAfter);

      const core = await startKoeCore({
        dataDir,
        appVersion: 'test',
        ctiPort: false,
        predictions: false,
      });
      const result = await core.router.handle('calls:state', {});
      await core.close();
      if (!result.ok) throw new Error(result.error.message);
      const state = result.value as CallsState;
      expect(state.waiting.map((c) => [c.callId, c.state])).toEqual([[callId, 'wrap_up']]);
      const words = state.drafts[callId]?.wrapUp?.form.customerWords ?? '';
      const kept = Number(/^draft (\d+):/.exec(words)?.[1]);
      // Every save the child acknowledged is there (later ones may be too: a line leaves the
      // child only after its save committed, but a pipe on Linux is written asynchronously, so
      // the child can be several saves ahead of the lines that reached us).
      expect(kept).toBeGreaterThanOrEqual(acked);
      expect(words).toContain('[REDACTED_CARD]');
    }
  }, 120_000);
});

/**
 * The connection's synchronous level, read by a statement compiled now: SQLite works a pragma
 * out when its statement is compiled, and the cache's connection reuses statements by their text
 * (connection.ts), so `sqlite.pragma()` may answer with the level of an earlier compile.
 */
const synchronousOf = (sqlite: Sqlite.Database) =>
  Sqlite.prototype.prepare.call(sqlite, 'pragma synchronous').pluck().get();

const CHILD = resolve('tests/integration/calls/desk-child.ts');

/** Runs desk-child.ts until it acknowledged `killAfter` saves, then SIGKILLs it. */
function runChildUntilKilled(
  dataDir: string,
  killAfter: number,
): Promise<{ callId: string; acked: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let last: { callId: string; acked: number } | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [callId, n] = line.split(' ');
        if (callId && n) last = { callId, acked: Number(n) };
      }
      if (last && last.acked >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    // 'close' comes after stdout ended: every line that left the child before it died is read.
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL' && last) resolvePromise(last);
      else reject(new Error(`the child stopped on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}
