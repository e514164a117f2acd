import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/src/seed';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';
import { call, createPostgresDatabase, signIn } from '../../fixtures/test-server';
import { freePort, startServerProcess, type ServerProcess } from '../../fixtures/server-process';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * The retailer API killed (SIGKILL) while it receives a batch, then started again on the same
 * data, RUNS times per database, data batches and VoC batches in turn. The kill lands at spread
 * points of a batch's measured round trip: before the body is read, while it is validated,
 * inside the transaction, after the commit. After each restart the batch is there whole or not
 * at all, and the client's retry brings it to exactly one whole copy. One server process per
 * run, each started once: the cost is bounded by RUNS.
 */

const RUNS = 10;
const DATA_ROWS = 1_000;
const VOC_ROWS = 500;

/** Posts a JSON body; calls `sent` once the whole body has left, resolves with the answer. */
function post(
  url: string,
  path: string,
  token: string,
  body: string,
  sent: () => void,
): Promise<number | 'dropped'> {
  return new Promise((resolve) => {
    const request = http.request(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve('dropped'));
    });
    request.on('error', () => resolve('dropped'));
    request.end(body, sent);
  });
}

/**
 * Counts the rows of a data batch another reader of the database sees: committed rows only.
 * Killing the server the moment the first one shows catches a batch that commits piece by
 * piece with the rest unwritten; a batch in one transaction shows all of its rows at once.
 */
async function rowWatcher(
  postgres: boolean,
  sqliteFile: string,
  databaseUrl: string | undefined,
): Promise<{ count(prefix: string): Promise<number>; close(): Promise<void> }> {
  const query = "select count(*) as n from records where tenant_id = 'demo-retailer' and id like ";
  if (postgres) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      count: async (prefix) =>
        Number((await client.query(`${query} $1`, [`${prefix}%`])).rows[0].n),
      close: () => client.end(),
    };
  }
  const sqlite = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const statement = sqlite.prepare(`${query} ?`);
  return {
    count: async (prefix) => (statement.get(`${prefix}%`) as { n: number }).n,
    close: async () => void sqlite.close(),
  };
}

describeEachDatabase('the retailer API killed mid-batch ($name)', ({ postgres }) => {
  let dir: string;
  let port: number;
  let server: ServerProcess;
  let database: { url: string; drop(): Promise<void> } | null = null;
  const outcomes = { none: 0, whole: 0 };

  const start = () =>
    startServerProcess({
      port,
      sqliteFile: join(dir, 'server.sqlite'),
      heartbeatMs: 1_000,
      ...(database ? { databaseUrl: database.url } : {}),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-kill-'));
    port = await freePort();
    if (postgres) database = await createPostgresDatabase(process.env.KOE_TEST_DATABASE_URL!);
    server = await start();
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Signed in once: the signing secret is in the database, so tokens outlive a restart. */
  let signedIn: { admin: string; agent: string } | null = null;
  const tokens = async () =>
    (signedIn ??= {
      admin: await signIn(server.url, 'admin@demo.koe.example', DEMO_PASSWORD),
      agent: await signIn(server.url, 'agent@demo.koe.example', DEMO_PASSWORD),
    });
  /** The retailer's latest change: a run pulls only what came after it. */
  async function head(): Promise<string> {
    const { admin } = await tokens();
    const page = (await call(server.url, admin, 'GET', '/v1/sync/pull?limit=1')).json as {
      headCursor: string;
    };
    return page.headCursor;
  }

  function dataBatch(run: number): string {
    return JSON.stringify({
      records: Array.from({ length: DATA_ROWS }, (_, i) =>
        customerRecord({ id: `kill-${run}-${i}`, familyName: `停止 ${run}` }),
      ),
    });
  }
  function vocBatch(): { body: string; records: VocRecord[] } {
    const records = Array.from({ length: VOC_ROWS }, () =>
      vocFor('agent-tokyo-1', 'center-tokyo', { customerWords: '停止試験' }),
    );
    return { body: JSON.stringify({ records }), records };
  }
  /** How many of the batch's rows the server holds, asked over its API. */
  async function held(
    kind: 'data' | 'voc',
    run: number,
    ids: Set<string>,
    from: string,
  ): Promise<number> {
    const { admin } = await tokens();
    if (kind === 'data') {
      let since = from;
      let count = 0;
      for (;;) {
        const page = (
          await call(server.url, admin, 'GET', `/v1/sync/pull?since=${since}&limit=10000`)
        ).json as {
          cursor: string;
          hasMore: boolean;
          records: { type: string; data: { id?: string } }[];
        };
        count += page.records.filter(
          (r) => r.type === 'customer' && r.data.id?.startsWith(`kill-${run}-`),
        ).length;
        if (!page.hasMore) return count;
        since = page.cursor;
      }
    }
    const list = (await call(server.url, admin, 'GET', '/v1/voc?limit=1000')).json as {
      records: { id: string }[];
    };
    return list.records.filter((r) => ids.has(r.id)).length;
  }

  it(`keeps each batch whole or not at all over ${RUNS} kills, and the retry converges`, async () => {
    // The round trip of one unkilled batch of each kind: where the kills are spread.
    const calibration: Record<'data' | 'voc', number> = { data: 0, voc: 0 };
    for (const kind of ['data', 'voc'] as const) {
      const { admin, agent } = await tokens();
      const body = kind === 'data' ? dataBatch(-1) : vocBatch().body;
      let sentAt = 0;
      const status = await post(
        server.url,
        kind === 'data' ? '/v1/data/batch' : '/v1/voc/batch',
        kind === 'data' ? admin : agent,
        body,
        () => (sentAt = performance.now()),
      );
      expect(status).toBe(200);
      calibration[kind] = performance.now() - sentAt;
    }

    for (let run = 0; run < RUNS; run++) {
      const kind = run % 2 === 0 ? 'data' : 'voc';
      const { admin, agent } = await tokens();
      const voc = kind === 'voc' ? vocBatch() : null;
      const body = voc?.body ?? dataBatch(run);
      const ids = new Set(voc?.records.map((r) => r.id) ?? []);
      const from = await head();
      const expected = kind === 'data' ? DATA_ROWS : VOC_ROWS;
      const path = kind === 'data' ? '/v1/data/batch' : '/v1/voc/batch';
      const token = kind === 'data' ? admin : agent;
      // The last run of each kind is killed right after its answer: an acknowledged batch
      // survives. The others are killed at points spread from the moment the body has left to
      // well past the measured answer (a process just restarted answers slower than the warm
      // one measured).
      const afterAnswer = run >= RUNS - 2;
      // Half the data runs are killed the moment the first row of the batch is visible.
      const atFirstRow = kind === 'data' && run % 4 === 0 && !afterAnswer;
      const delay = (Math.floor(run / 2) / (Math.ceil(RUNS / 2) - 1)) * calibration[kind] * 3;
      let answered = false;
      const answer = post(server.url, path, token, body, () => {
        if (!afterAnswer && !atFirstRow) setTimeout(() => server.child.kill('SIGKILL'), delay);
      }).finally(() => (answered = true));
      if (afterAnswer) {
        await answer;
        server.child.kill('SIGKILL');
      }
      if (atFirstRow) {
        const watcher = await rowWatcher(postgres, join(dir, 'server.sqlite'), database?.url);
        while (!answered && (await watcher.count(`kill-${run}-`)) === 0) {
          // Polls as fast as the database answers, letting the answer and the exit through.
          await new Promise((next) => setImmediate(next));
        }
        server.child.kill('SIGKILL');
        await watcher.close();
      }
      await server.exited;
      const status = await answer;
      server = await start();

      const after = await held(kind, run, ids, from);
      const what = `run ${run} (${kind}, ${afterAnswer ? 'killed after its answer' : atFirstRow ? 'killed at its first visible row' : `kill after ${delay.toFixed(0)} ms`}, answer ${status})`;
      expect([0, expected], what).toContain(after);
      if (status === 200) expect(after, what).toBe(expected);
      outcomes[after === 0 ? 'none' : 'whole']++;

      // The client did not see an answer (or saw one): it sends the same batch again.
      const retry = await call(
        server.url,
        kind === 'data' ? (await tokens()).admin : (await tokens()).agent,
        'POST',
        path,
        body,
      );
      expect(retry.status).toBe(200);
      if (kind === 'voc') {
        const statuses = (retry.json as { results: { status: string }[] }).results.map(
          (r) => r.status,
        );
        expect(new Set(statuses)).toEqual(new Set([after === 0 ? 'accepted' : 'duplicate']));
      }
      expect(await held(kind, run, ids, from)).toBe(expected);
    }
    // Both ends of the spread were reached: some kills before the commit, some after.
    console.info(`kills mid-batch: ${JSON.stringify(outcomes)}`);
    expect(outcomes.none).toBeGreaterThan(0);
    expect(outcomes.whole).toBeGreaterThan(0);
  }, 300_000);
});
