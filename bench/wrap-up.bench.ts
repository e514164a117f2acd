import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { createCallDesk } from '../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../src/main/core/calls/desk-calls.repository';
import { openDatabase } from '../src/main/core/platform/connection';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { refreshPendingOutreach } from '../src/main/core/outreach/outreach-table';
import { createEventBus } from '../src/main/core/platform/event-bus';
import { createIpcRouter } from '../src/main/core/platform/router';
import { loadPreferences } from '../src/main/core/preferences/preferences';
import { createServices } from '../src/main/core/services';
import type { VocRecord } from '../src/shared/domain/voc';
import { generateDemoRecords } from '../src/shared/demo/generate-demo-records';
import type { WrapUpInput, WrapUpSaved } from '../src/shared/ipc';
import { figure, loadAverage, note, percentile, seededRandom, type Figure } from './lib/figures';

const SAMPLES = 500;
const WARMUP = 30;
const CUSTOMERS = 2_000;

/**
 * Wrap-up save as the agent's Save key runs it, on a desk that keeps its calls on disk as the app
 * does: the IPC router (validation), the taxonomy check, the caller's card read for the risk
 * signals and the feature snapshot, payment-data redaction, and one transaction committed
 * durably (synchronous=FULL: the WAL is fsynced before the answer) holding the record, its
 * outbox row and the call's `desk_calls` row moving to done.
 *
 * Baseline, like for like: raw prepared statements writing the same three rows (the same
 * record, outbox payload and call row, same sizes) into the same tables — so the same indexes
 * and triggers — in one transaction committed with the same durability. Its call row is first
 * written as the desk wrote the call's at the ring, the answer and the end (untimed, at NORMAL),
 * so its transaction changes the row as the save's does and its fsync flushes as many earlier
 * rows. The raw side reads nothing: the save's reads (the card, the taxonomy, the policies) are
 * Koe's own work. The callers are customers without outreach rows, as most are (for one with
 * rows the save also recomputes them, after its commit). Each sample is paired (the save, then the raw
 * transaction), so load from elsewhere lands on both sides alike. Reported beside it: the same
 * raw transaction without the fsync (what durability costs), and a single-row insert committed
 * durably (the baseline this figure used to have, which writes one row where the save writes
 * three).
 */
export async function benchWrapUpSave(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-wrapup-bench-'));
  const database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  try {
    const { sqlite } = database;
    const writer = createRecordWriter(sqlite);
    for (const batch of generateDemoRecords({ size: 'demo', customers: CUSTOMERS })) {
      writer.apply(batch);
    }
    // The list's rows filled, as the desk does in slices after a load.
    refreshPendingOutreach(sqlite);
    const deskCalls = createDeskCallsRepository(sqlite);
    const desk = createCallDesk({ persistence: deskCalls });
    const router = createIpcRouter(
      createServices({
        db: database.db,
        sqlite,
        events: createEventBus(),
        preferences: loadPreferences(dir),
        appVersion: 'bench',
        retailer: null,
        connectRetailer: async () => ({ retailerUrl: 'unused' }),
        desk,
        deskCalls,
        agent: () => ({
          id: 'usr-bench-agent',
          displayName: 'Bench',
          centerId: 'ctr-bench',
          role: 'agent',
          retailerName: null,
        }),
      }),
    );
    const customers = callers(sqlite, SAMPLES + WARMUP);
    const raw = rawWrapUp(sqlite);
    sqlite.exec('create table raw_single_row (id text primary key, payload text not null)');
    const singleRow = sqlite.prepare('insert into raw_single_row (id, payload) values (?, ?)');

    const names = ['save', 'raw', 'rawNoFsync', 'single'] as const;
    const wall = Object.fromEntries(names.map((n) => [n, [] as number[]]));
    const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]]));
    /** Wall time and the process's CPU time (user + system) of one side's sample, in ms. */
    const time = async (side: (typeof names)[number], sampled: boolean, work: () => unknown) => {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await work();
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const { user, system } = process.cpuUsage(cpuStart);
      if (!sampled) return;
      wall[side]!.push(wallMs);
      cpu[side]!.push((user + system) / 1000);
    };
    for (let i = 0; i < customers.length; i += 1) {
      const sampled = i >= WARMUP;
      const callId = `bench-call-${i}`;
      // The call rings, is answered and ends before its save is timed (its row on disk, written
      // at synchronous=NORMAL: the save's fsync also flushes these rows).
      const earlier = (['ringing', 'answered', 'ended'] as const).map((type) => {
        desk.apply(type === 'ringing' ? { type, callId, ani: '090-1234-5678' } : { type, callId });
        return raw.sessionOf(callId);
      });
      let record: VocRecord | undefined;
      await time('save', sampled, async () => {
        const result = await router.handle('wrapUp:save', wrapUp(callId, customers[i]!));
        if (!result.ok) throw new Error(result.error.message);
        ({ record } = result.value as WrapUpSaved);
      });
      const rows = raw.rowsLike(record!, i, earlier);
      await time('raw', sampled, () => raw.write(rows, 'FULL'));
      const again = raw.rowsLike(record!, -1 - i, earlier);
      await time('rawNoFsync', sampled, () => raw.write(again, 'NORMAL'));
      await time('single', sampled, () =>
        raw.durably(() => singleRow.run(`raw-${i}`, rows.payload)),
      );
    }
    for (const n of names) {
      wall[n]!.sort((a, b) => a - b);
      cpu[n]!.sort((a, b) => a - b);
    }
    note(
      `wrap-up save: ${wall.save!.length} saves through the router, each paired with the raw transaction; load ${loadAverage()}`,
    );
    const at = (side: Record<string, number[]>, n: (typeof names)[number], p: number) =>
      percentile(side[n]!, p);
    return [
      figure('call_wrapup_save_p99', at(wall, 'save', 99), 'ms', at(wall, 'raw', 99)),
      figure('call_wrapup_save_p50', at(wall, 'save', 50), 'ms', at(wall, 'raw', 50)),
      // CPU time leaves out the fsync's wait (and, mostly, the other jobs on a shared machine):
      // what the save computes beyond writing its rows.
      figure('call_wrapup_save_cpu_p50', at(cpu, 'save', 50), 'ms', at(cpu, 'raw', 50)),
      figure(
        'call_wrapup_save_p99_vs_raw_without_fsync',
        at(wall, 'save', 99),
        'ms',
        at(wall, 'rawNoFsync', 99),
      ),
      figure(
        'call_wrapup_save_p99_vs_single_row_insert',
        at(wall, 'save', 99),
        'ms',
        at(wall, 'single', 99),
      ),
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Customers spread over the cache, none with outreach rows (most callers have none). */
function callers(sqlite: Sqlite.Database, count: number): string[] {
  const ids = (
    sqlite
      .prepare(
        `select id from customers c
          where not exists (select 1 from outreach_candidates o where o.customer_id = c.id)
          order by local_id`,
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
  const random = seededRandom(14);
  return Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]!);
}

interface RawRows {
  vocRow: Record<string, unknown>;
  payload: string;
  callId: string;
  session: string;
}

/**
 * The rows a save writes, written with raw prepared statements: the record, its outbox row, and
 * the call's row in `desk_calls` moving to done, in one transaction.
 */
function rawWrapUp(sqlite: Sqlite.Database) {
  const insertRecord = sqlite.prepare(
    `insert into voc_records (id, call_id, customer_id, order_id, agent_id, reason_codes, predicted_reason,
       sentiment, resolution, avoidable, customer_words, script_id, script_version, details, started_at, ended_at, saved_at)
     values (@id, @call_id, @customer_id, @order_id, @agent_id, @reason_codes, @predicted_reason,
       @sentiment, @resolution, @avoidable, @customer_words, @script_id, @script_version, @details, @started_at, @ended_at, @saved_at)`,
  );
  const enqueue = sqlite.prepare(
    `insert into outbox (kind, entity_id, payload, created_at) values ('voc_record', ?, ?, ?)`,
  );
  const callRow = sqlite.prepare(
    `insert into desk_calls (call_id, session, draft, updated_at) values (?, ?, null, ?)
     on conflict(call_id) do update set session = excluded.session, draft = null, updated_at = excluded.updated_at`,
  );
  // Compiled each time, as the save's (platform/durably.ts): a prepared `pragma synchronous`
  // takes effect when compiled, not when run.
  const pragma = {
    FULL: { run: () => sqlite.exec('pragma synchronous = FULL') },
    NORMAL: { run: () => sqlite.exec('pragma synchronous = NORMAL') },
  };
  const readBack = {
    record: sqlite.prepare(`select * from voc_records where id = ?`),
    payload: sqlite.prepare(`select payload from outbox where entity_id = ?`),
    session: sqlite.prepare(`select session from desk_calls where call_id = ?`),
  };
  const transaction = sqlite.transaction((rows: RawRows) => {
    insertRecord.run(rows.vocRow);
    enqueue.run(rows.vocRow.id, rows.payload, rows.vocRow.saved_at);
    callRow.run(rows.callId, rows.session, rows.vocRow.saved_at);
  });
  const sessionOf = (callId: string) =>
    (readBack.session.get(callId) as { session: string }).session;
  return {
    /** The call's row as the desk last wrote it. */
    sessionOf,
    /**
     * The rows the save wrote for `record`, byte for byte, under ids of their own. The call's
     * row is written first as the desk wrote it at the ring, the answer and the end (`earlier`,
     * each at synchronous=NORMAL, untimed as the desk's are): the timed transaction then changes
     * it to done as the save does, and its fsync flushes those rows as the save's does.
     */
    rowsLike(record: VocRecord, n: number, earlier: string[]): RawRows {
      const id = `raw-voc-${n}`;
      const callId = `raw-call-${n}`;
      const saved = readBack.record.get(record.id) as Record<string, unknown>;
      const { payload } = readBack.payload.get(record.id) as { payload: string };
      const session = sessionOf(record.callId as string);
      for (const before of earlier) callRow.run(callId, before, record.startedAt);
      return { vocRow: { ...saved, id, call_id: callId }, payload, callId, session };
    },
    durably(work: () => unknown) {
      pragma.FULL.run();
      try {
        work();
      } finally {
        pragma.NORMAL.run();
      }
    },
    write(rows: RawRows, synchronous: 'FULL' | 'NORMAL') {
      pragma[synchronous].run();
      try {
        transaction(rows);
      } finally {
        pragma.NORMAL.run();
      }
    },
  };
}

function wrapUp(callId: string, customerId: string): WrapUpInput {
  return {
    callId,
    customerId,
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'resolved',
    avoidable: true,
    customerWords: '配達予定日を過ぎても届かない。カード番号は言っていない。',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  };
}
