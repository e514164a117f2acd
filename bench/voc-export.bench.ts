import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import Sqlite from 'better-sqlite3';
import { buildServer } from '../server/src/app';
import { openServerStore } from '../server/src/db/connect';
import { createChangeNotifier } from '../server/src/live/change-notifier';
import { createTenant, DEMO_PASSWORD, DEMO_USERS } from '../server/src/seed';
import type { VocRecord } from '../src/shared/domain/voc';
import { uuidV7 } from '../src/shared/uuid-v7';
import { figure, note, seededRandom, type Figure } from './lib/figures';

const ROWS = Number(process.env.KOE_BENCH_VOC_EXPORT_ROWS ?? 1_000_000);
const TENANT = 'bench-retailer';
const admin = DEMO_USERS.find((u) => u.role === 'retailer_admin')!;
const agent = DEMO_USERS.find((u) => u.role === 'agent')!;

/**
 * The VoC export of a large table over loopback HTTP: rows/s for NDJSON and CSV against reading
 * the same rows straight from SQLite, and the server's memory during the stream against the
 * export's size. The client runs in a child process, so this process's memory is the server's.
 */
export async function benchVocExport(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-export-bench-'));
  const file = join(dir, 'server.sqlite');
  const store = await openServerStore({ sqliteFile: file });
  const figures: Figure[] = [];
  try {
    await createTenant(store.db, {
      id: TENANT,
      name: TENANT,
      centers: [
        { id: 'center-tokyo', name: 'Tokyo' },
        { id: 'center-osaka', name: 'Osaka' },
      ],
      users: DEMO_USERS,
      password: DEMO_PASSWORD,
    });
    const loadStart = process.hrtime.bigint();
    bulkInsert(file, ROWS);
    note(
      `voc-export: ${ROWS.toLocaleString('en')} VoC rows inserted in ${(Number(process.hrtime.bigint() - loadStart) / 1e9).toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(0)} MB`,
    );
    const rawRowsPerSecond = rawReadRate(file);
    note(`voc-export: raw SQLite read of the same rows: ${Math.round(rawRowsPerSecond)} rows/s`);

    const notifier = await createChangeNotifier(null);
    const app = await buildServer({ store, notifier, secret: 'bench-secret', webhooks: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const token = await signIn(url);
      for (const format of ['ndjson', 'csv'] as const) {
        const m = await measureExport(`${url}/v1/voc/export?format=${format}`, token, format);
        const mb = m.bytes / 1e6;
        note(
          `voc-export ${format}: ${m.lines.toLocaleString('en')} lines, ${mb.toFixed(0)} MB in ${m.seconds.toFixed(1)} s; ` +
            `server RSS ${(m.rssBefore / 1e6).toFixed(0)} → peak ${(m.rssPeak / 1e6).toFixed(0)} MB, ` +
            `live heap ${(m.liveBefore / 1e6).toFixed(0)} → peak ${(m.livePeak / 1e6).toFixed(0)} MB`,
        );
        figures.push(
          figure(`voc_export_${format}_rate`, m.lines / m.seconds, 'rows/s', rawRowsPerSecond),
          // Growth over the export's size: a stream stays ≪ 1, a buffered export ≥ 1.
          figure(
            `voc_export_${format}_live_heap_growth`,
            (m.livePeak - m.liveBefore) / 1e6,
            'MB',
            mb,
          ),
          figure(`voc_export_${format}_rss_growth`, (m.rssPeak - m.rssBefore) / 1e6, 'MB', mb),
        );
      }
    } finally {
      await app.close();
      await notifier.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** Realistic rows (about 700 bytes of JSON each), over a year, straight into the file. */
function bulkInsert(file: string, rows: number): void {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    `insert into voc_records (tenant_id, id, center_id, agent_id, content_hash, data, received_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const random = seededRandom(11);
  const reasons = ['delivery.late', 'billing.charge', 'returns.request', 'product.defect'];
  const words = [
    '配達予定日を過ぎても荷物が届きません。いつ届くのか教えてください。',
    '請求額が注文時の金額と違っています, "確認" をお願いします。',
    '届いた商品に傷があったので交換したいです。\n写真も送れます。',
  ];
  const start = Date.UTC(2025, 10, 1);
  const insertMany = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(start + Math.floor((i / rows) * 365 * 86_400_000)).toISOString();
      const reason = reasons[Math.floor(random() * reasons.length)]!;
      const record: VocRecord = {
        id: uuidV7(),
        callId: `call-${i}`,
        agentId: agent.id,
        centerId: 'center-tokyo',
        customerId: `cus-${String(i % 50_000).padStart(7, '0')}`,
        orderId: `ord-${String(i).padStart(7, '0')}`,
        reasonCodes: [reason],
        predictedReason: random() < 0.7 ? reason : 'delivery.late',
        sentiment: random() < 0.5 ? 'negative' : 'neutral',
        resolution: random() < 0.8 ? 'resolved' : 'escalated',
        avoidable: random() < 0.4,
        customerWords: words[i % words.length]!,
        scriptId: 'delivery-inquiry',
        scriptVersion: 1 + (i % 3),
        harassment: null,
        startedAt: at,
        endedAt: at,
        savedAt: at,
        afterCallWorkSeconds: Math.floor(random() * 240),
        revision: 1,
      };
      insert.run(
        TENANT,
        record.id,
        record.centerId,
        record.agentId,
        'bench',
        JSON.stringify(record),
        at,
      );
    }
  });
  for (let i = 0; i < rows; i += 20_000) insertMany(i, Math.min(rows, i + 20_000));
  sqlite.close();
}

/** The floor: reading the same rows in the export's order, without HTTP or formatting. */
function rawReadRate(file: string): number {
  const sqlite = new Sqlite(file, { readonly: true });
  const start = process.hrtime.bigint();
  let n = 0;
  for (const _row of sqlite
    .prepare(
      'select id, data, received_at from voc_records where tenant_id = ? order by received_at, id',
    )
    .iterate(TENANT)) {
    n++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  sqlite.close();
  return n / seconds;
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Live memory (after a full collection) and RSS of this process, sampled while a child reads. */
async function measureExport(url: string, token: string, format: 'ndjson' | 'csv') {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage();
  const liveBefore = before.heapUsed + before.arrayBuffers;
  let rssPeak = before.rss;
  let livePeak = liveBefore;
  let samples = 0;
  const sampler = setInterval(() => {
    // RSS as it is (what the OS sees); live heap after a collection (not garbage awaiting one).
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (++samples % 5 === 0) {
      gc();
      const m = process.memoryUsage();
      livePeak = Math.max(livePeak, m.heapUsed + m.arrayBuffers);
    }
  }, 50);
  const started = process.hrtime.bigint();
  const result = await readInChild(url, token, format);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  return {
    ...result,
    seconds,
    rssBefore: before.rss,
    rssPeak,
    liveBefore,
    livePeak,
  };
}

/** Streams the export in another process, counting lines and bytes, so its buffers are not ours. */
function readInChild(
  url: string,
  token: string,
  format: 'ndjson' | 'csv',
): Promise<{ lines: number; bytes: number }> {
  // NDJSON ends each record with LF; CSV with CRLF (an LF inside a quoted field is not an end),
  // after a header row.
  const end = format === 'csv' ? 13 : 10;
  const header = format === 'csv' ? 1 : 0;
  const script = `
    const http = require('node:http');
    const req = http.get(process.env.URL, { headers: { authorization: 'Bearer ' + process.env.TOKEN } }, (res) => {
      if (res.statusCode !== 200) { console.error('status', res.statusCode); process.exit(1); }
      let lines = 0, bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(${end}); i !== -1; i = chunk.indexOf(${end}, i + 1)) lines++;
      });
      res.on('end', () => console.log(JSON.stringify({ lines: lines - ${header}, bytes })));
    });
    req.on('error', (e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, URL: url, TOKEN: token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { lines: number; bytes: number })
        : reject(new Error(`export reader exited with ${code}`)),
    );
  });
}
