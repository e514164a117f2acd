import Sqlite from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallDesk } from '../src/main/core/calls/call-desk';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../src/main/core/platform/connection';
import { createEventBus } from '../src/main/core/platform/event-bus';
import { createIpcRouter, type IpcRouter } from '../src/main/core/platform/router';
import { loadPreferences } from '../src/main/core/preferences/preferences';
import { createServices } from '../src/main/core/services';
import { deferSecondaryIndexes, rebuildDeferredIndexes } from '../src/main/core/sync/pull-changes';
import type { RetailerRecord } from '../src/shared/protocol/records';
import { referenceRecords } from '../src/shared/demo/generate-demo-records';
import type { WrapUpInput } from '../src/shared/ipc';
import { collectBatches, countRows } from './bulk-load.bench';
import { figure, loadAverage, note, percentile, type Figure } from './lib/figures';
import { samplePhones } from './screen-pop.bench';
import { queryClasses } from './search.bench';

/** Large enough that the reads leave SQLite's 32 MiB page cache (each miss is decrypted). */
const CUSTOMERS = Number(process.env.KOE_BENCH_CIPHER_CUSTOMERS ?? 100_000);
const POPS = 2_000;
const SAVES = 300;
/** The goal for each figure: the encrypted cache within 1.3× of the plain one. */
const GOAL = 1.3;
/** `KOE_BENCH_CIPHER_BOOTSTRAP_ONLY=1` stops after the bootstrap. */

interface Side {
  database: LocalDatabase;
  router: IpcRouter;
}

/**
 * What encryption at rest costs: the same paths on a plain cache and on one encrypted with a
 * key (AES-256, SQLCipher 4 settings), built from the same records in this process. Every
 * sample is paired (the plain one, then the encrypted one, then the next pair), so a burst of
 * load from elsewhere on the machine lands on both sides alike. Each figure is the encrypted
 * run with the plain run as its baseline: bootstrap rows/s (below 1 is the cost: goal ≥ 1/1.3),
 * screen-pop read p95, search p95 per query class, and durable wrap-up save p99.
 */
export async function benchEncryption(): Promise<Figure[]> {
  const key = randomBytes(32);
  const batches = collectBatches(CUSTOMERS);
  const dir = mkdtempSync(join(tmpdir(), 'koe-cipher-bench-'));
  const figures: Figure[] = [];
  const bootstrapOnly = Boolean(process.env.KOE_BENCH_CIPHER_BOOTSTRAP_ONLY);
  const sides = [
    await openSide(join(dir, 'plain.sqlite'), dir),
    await openSide(join(dir, 'encrypted.sqlite'), dir, key),
  ] as const;
  const [plain, encrypted] = sides;
  try {
    const timing = await bootstrapBoth(sides, batches);
    const rows = countRows(plain.database.sqlite);
    const rate = (seconds: number) => rows / seconds;
    figures.push(figure('cipher_bootstrap_rows_per_s', rate(timing[1]), 'rows/s', rate(timing[0])));
    if (bootstrapOnly) return figures;

    const phones = samplePhones(plain.database.sqlite, POPS);
    const pops = await paired(sides, phones, async (side, p) => {
      const result = await side.router.handle('customers:screenPop', { phone: p.display });
      if (!result.ok) throw new Error(result.error.message);
    });
    figures.push(pairFigure('cipher_screen_pop_read_p95', pops, 95));

    for (const c of queryClasses(plain.database.sqlite)) {
      const times = await paired(sides, c.queries, async (side, query) => {
        const result = await side.router.handle('customers:search', { query, limit: 20 });
        if (!result.ok) throw new Error(result.error.message);
      });
      figures.push(pairFigure(`cipher_search_${c.name}_p95`, times, 95));
    }
  } finally {
    await plain.database.close();
    await encrypted.database.close();
    if (bootstrapOnly) rmSync(dir, { recursive: true, force: true });
  }

  // Durable wrap-up saves (synchronous=FULL, as the Save key commits them), on small caches.
  const savePlain = await openSide(join(dir, 'save-plain.sqlite'), dir, undefined, true);
  const saveEncrypted = await openSide(join(dir, 'save-encrypted.sqlite'), dir, key, true);
  try {
    const callIds = Array.from({ length: SAVES }, (_, i) => `bench-call-${i}`);
    const saves = await paired([savePlain, saveEncrypted], callIds, async (side, callId) => {
      const result = await side.router.handle('wrapUp:save', wrapUp(callId));
      if (!result.ok) throw new Error(result.error.message);
    });
    figures.push(pairFigure('cipher_wrapup_durable_p99', saves, 99));
  } finally {
    await savePlain.database.close();
    await saveEncrypted.database.close();
    rmSync(dir, { recursive: true, force: true });
  }
  figures.push(...uncachedScans(key));
  for (const f of figures) {
    const cost = f.unit === 'rows/s' ? 1 / f.ratio : f.ratio;
    note(`  ${f.name}: ${cost.toFixed(2)}× the plain cache's cost (goal ≤ ${GOAL}×)`);
  }
  return figures;
}

/**
 * Bootstrap as the sync worker runs it (pull-changes.ts): the search-only indexes dropped, each
 * batch (one pulled page) committed in a transaction of its own, the indexes built again at the
 * end, and the checkpoint that copies the last of the log into the file, on each side. Of the
 * rebuild, the time each index held the lock counts (not the pauses left for other writers
 * between two indexes). Each batch is written on both caches in turn (plain, then encrypted), so
 * load from elsewhere lands on both alike. Returns seconds: [plain, encrypted].
 */
async function bootstrapBoth(
  sides: readonly [Side, Side],
  batches: RetailerRecord[][],
): Promise<[number, number]> {
  // Seconds per side and phase: the load (batches and their checkpoints), the index rebuild, the
  // final checkpoint. At 100,000 customers nearly all of the cost is in the load (README).
  const timings = { load: [0, 0], rebuild: [0, 0], checkpoint: [0, 0] };
  // The load's CPU time too (this thread's work: the load is synchronous): on a shared machine
  // the wall clock also counts waits for a core.
  const loadCpu = [0, 0];
  const timed = (i: 0 | 1, phase: 'load' | 'checkpoint', work: () => void) => {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    work();
    timings[phase][i]! += Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    if (phase === 'load') loadCpu[i]! += (used.user + used.system) / 1e6;
  };
  const writers = sides.map((side) => createRecordWriter(side.database.sqlite));
  for (const i of [0, 1] as const)
    timed(i, 'load', () => deferSecondaryIndexes(sides[i].database.sqlite));
  for (const batch of batches) {
    for (const i of [0, 1] as const) {
      const sqlite = sides[i].database.sqlite;
      timed(i, 'load', () => sqlite.transaction(() => writers[i]!.apply(batch))());
    }
  }
  for (const i of [0, 1] as const) {
    const sqlite = sides[i].database.sqlite;
    await rebuildDeferredIndexes(sqlite, {
      onIndexBuilt: (_name, heldMs) => (timings.rebuild[i]! += heldMs / 1000),
    });
    timed(i, 'checkpoint', () => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
  }
  const total = (i: 0 | 1) => timings.load[i]! + timings.rebuild[i]! + timings.checkpoint[i]!;
  const split = (['load', 'rebuild', 'checkpoint'] as const)
    .map(
      (phase) => `${phase} ${timings[phase][1]!.toFixed(2)} vs ${timings[phase][0]!.toFixed(2)} s`,
    )
    .join(', ');
  note(
    `encryption: bootstrap, encrypted ${total(1).toFixed(2)} s, plain ${total(0).toFixed(2)} s (${split}; the load's CPU ${loadCpu[1]!.toFixed(2)} vs ${loadCpu[0]!.toFixed(2)} s), load ${loadAverage()}`,
  );
  return [total(0), total(1)];
}

/**
 * Where an encrypted page's cost goes: the same table scanned with a page cache too small to hold
 * it (every page read from the file, decrypted and its HMAC checked), plain, as the cache is
 * encrypted (SQLCipher 4: AES-256-CBC, HMAC-SHA512), and two settings the app does not use, as
 * references: HMAC-SHA1 (SQLCipher 3's) and no HMAC at all (no tamper check: not shippable).
 * Each figure is the median of seven scans, with the plain scan as its baseline.
 */
function uncachedScans(key: Uint8Array): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'koe-cipher-scan-'));
  const variants: [string, string[] | null][] = [
    ['plain', null],
    ['cipher_scan_uncached_ms', []],
    ['cipher_scan_uncached_hmac_sha1_reference_ms', ['hmac_algorithm = 0']],
    ['cipher_scan_uncached_no_hmac_reference_ms', ['hmac_use = 0']],
  ];
  const open = (file: string, settings: string[] | null) => {
    const sqlite = new Sqlite(file);
    if (settings) {
      sqlite.pragma(`cipher = 'sqlcipher'`);
      sqlite.pragma('legacy = 4');
      for (const setting of settings) sqlite.pragma(setting);
      sqlite.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
    }
    return sqlite;
  };
  try {
    const medians = variants.map(([name, settings]) => {
      const file = join(dir, `${name}.sqlite`);
      const writing = open(file, settings);
      writing.exec('create table t (id integer primary key, a text, b text)');
      const insert = writing.prepare('insert into t (a, b) values (?, ?)');
      writing.transaction(() => {
        for (let i = 0; i < 100_000; i += 1) insert.run(`${'x'.repeat(150)}${i}`, 'y'.repeat(100));
      })();
      writing.close();
      const reading = open(file, settings);
      reading.pragma('cache_size = -1000');
      const scan = reading.prepare(`select count(*) from t where b like '%z%'`);
      scan.get();
      const ms: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const start = process.hrtime.bigint();
        scan.get();
        ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      reading.close();
      return ms.sort((a, b) => a - b)[3]!;
    });
    return variants.slice(1).map(([name], i) => figure(name, medians[i + 1]!, 'ms', medians[0]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sorted latencies (ms) per side, each input timed on the plain side then the encrypted one. */
async function paired<T>(
  sides: readonly [Side, Side],
  inputs: readonly T[],
  run: (side: Side, input: T) => Promise<void>,
): Promise<[number[], number[]]> {
  const warmup = Math.min(100, inputs.length);
  for (let i = 0; i < warmup; i += 1) for (const s of sides) await run(s, inputs[i]!);
  const times: [number[], number[]] = [[], []];
  for (const input of inputs) {
    for (const i of [0, 1] as const) {
      const start = process.hrtime.bigint();
      await run(sides[i], input);
      times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return [times[0].sort((a, b) => a - b), times[1].sort((a, b) => a - b)];
}

function pairFigure(name: string, [plain, encrypted]: [number[], number[]], p: number): Figure {
  return figure(name, percentile(encrypted, p), 'ms', percentile(plain, p));
}

async function openSide(
  filename: string,
  dir: string,
  key?: Uint8Array,
  calls = false,
): Promise<Side> {
  const database = await openDatabase({ filename, ...(key ? { key } : {}) });
  const desk = createCallDesk();
  if (calls) {
    createRecordWriter(database.sqlite).apply(referenceRecords(Date.now()));
    // Each call rings, is answered and ends before its save is timed.
    for (let i = 0; i < SAVES; i += 1) {
      const callId = `bench-call-${i}`;
      desk.apply({ type: 'ringing', callId, ani: '090-1234-5678' });
      desk.apply({ type: 'answered', callId });
      desk.apply({ type: 'ended', callId });
    }
  }
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events: createEventBus(),
      preferences: loadPreferences(join(dir, 'preferences')),
      appVersion: 'bench',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      desk,
      agent: () => ({
        id: 'usr-bench-agent',
        displayName: 'Bench',
        centerId: 'ctr-bench',
        role: 'agent',
        retailerName: null,
      }),
    }),
  );
  return { database, router };
}

function wrapUp(callId: string): WrapUpInput {
  return {
    callId,
    customerId: null,
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'resolved',
    avoidable: true,
    customerWords: '荷物がまだ届かない',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  };
}
