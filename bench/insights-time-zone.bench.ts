import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { openServerStore, type ServerStore } from '../server/src/db/connect';
import { zoneBuckets } from '../server/src/routes/insights-buckets';
import { figure, note, seededRandom, type Figure } from './lib/figures';

const ROWS = Number(process.env.KOE_BENCH_INSIGHTS_ROWS ?? 200_000);
const RUNS = 5;

/**
 * What counting days in the retailer's zone costs: the insights' per-day count over a tenant's
 * VoC records, bucketed in Asia/Tokyo as the route does it (grouped by UTC hour, each hour
 * converted: insights-buckets.ts), and in Asia/Kolkata (a half-hour zone: every row converted),
 * each against the same count bucketed by the UTC date prefix, the query it replaced.
 */
export async function benchInsightsTimeZone(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-insights-tz-bench-'));
  const figures: Figure[] = [];
  try {
    const sqlite = await openServerStore({ sqliteFile: join(dir, 'server.sqlite') });
    figures.push(...(await measure(sqlite)));
    await sqlite.close();
    const url = process.env.KOE_TEST_DATABASE_URL;
    if (url) {
      const pg = await openServerStore({ sqliteFile: '', databaseUrl: url });
      try {
        figures.push(...(await measure(pg)));
      } finally {
        await pg.db.deleteFrom('voc_records').where('tenant_id', '=', 'bench-tz').execute();
        await pg.db.deleteFrom('tenants').where('id', '=', 'bench-tz').execute();
        await pg.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function measure(store: ServerStore): Promise<Figure[]> {
  const { db, dialect } = store;
  await db
    .insertInto('tenants')
    .values({ id: 'bench-tz', name: 'bench', retention_days: 30, created_at: '2026-01-01' })
    .execute();
  const random = seededRandom(7);
  const start = Date.parse('2026-09-01T00:00:00.000Z');
  for (let i = 0; i < ROWS; i += 1_000) {
    await db
      .insertInto('voc_records')
      .values(
        Array.from({ length: Math.min(1_000, ROWS - i) }, (_, j) => ({
          tenant_id: 'bench-tz',
          id: `v${i + j}`,
          center_id: 'c',
          agent_id: 'a',
          content_hash: `h${i + j}`,
          data: '{}',
          received_at: new Date(start + Math.floor(random() * 84 * 86_400_000)).toISOString(),
        })),
      )
      .execute();
  }
  const where = sql`v.tenant_id = 'bench-tz'`;
  const utcQuery = sql`select substr(v.received_at, 1, 10) as b, count(*) as c
    from voc_records v where ${where} group by 1 order by 1`;
  const zoneQuery = (timeZone: string) => {
    const buckets = zoneBuckets(dialect, timeZone);
    return sql`select ${buckets.bucket('day')} as b, sum(c) as c from (
      select ${buckets.key} as h, count(*) as c from voc_records v where ${where} group by 1
    ) t group by 1 order by 1`;
  };
  const time = async (query: RawBuilder<unknown>) => {
    await query.execute(db);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await query.execute(db);
      samples.push(performance.now() - t);
    }
    return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  };
  const utc = await time(utcQuery);
  const tokyo = await time(zoneQuery('Asia/Tokyo'));
  const kolkata = await time(zoneQuery('Asia/Kolkata'));
  note(
    `insights-tz (${dialect}): ${ROWS} records, days in Tokyo ${tokyo.toFixed(1)} ms, in Kolkata ${kolkata.toFixed(1)} ms, UTC ${utc.toFixed(1)} ms`,
  );
  return [
    figure(`insights.dayBuckets.tokyo.${dialect}.ms`, tokyo, 'ms', utc),
    figure(`insights.dayBuckets.kolkata.${dialect}.ms`, kolkata, 'ms', utc),
  ];
}
