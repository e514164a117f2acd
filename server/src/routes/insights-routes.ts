import { sql, type RawBuilder } from 'kysely';
import {
  DEFAULT_INSIGHTS_TIME_ZONE,
  INSIGHTS_PRODUCT_GROUPS,
  insightsQuery,
  insightsResponse,
  insightsWordsQuery,
  insightsWordsResponse,
  type InsightsGroup,
  type InsightsResponse,
} from '../../../src/shared/protocol/insights';
import type { Principal } from '../auth/access-tokens';
import type { ServerDialect, ServerStore } from '../db/connect';
import { isTimeZone, startOfLocalDay } from '../../../src/shared/time-zone';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';
import { storedJson } from '../data/stored-json';
import { zoneBuckets } from './insights-buckets';
import { VOC_READER_ROLES, vocReadCenter } from '../auth/voc-read-scope';

/**
 * The insights behind the desktop's Insights view. Every number is an aggregate computed in the
 * database over the window's index range (tenant, receivedAt), so the answer stays small whatever
 * the number of records; carrier and product come from the order and shipment records the server
 * holds, joined by primary key and by the `records_by_order_ref` expression index.
 */
export function insightsRoutes({
  store,
  timeZone: configured,
}: {
  store: ServerStore;
  timeZone?: string;
}): RouteSpec[] {
  const { db, dialect } = store;
  // No per-retailer setting exists yet: one zone per server, checked at start, not per request.
  const timeZone = configured ?? process.env.KOE_TIME_ZONE ?? DEFAULT_INSIGHTS_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new Error(`Unknown time zone for insights: ${timeZone}`);
  const f = insightFields(dialect);
  const buckets = zoneBuckets(dialect, timeZone);
  const windowOf = windowIn(timeZone);
  const n = (value: unknown) => Number(value ?? 0);

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/insights',
      summary: 'Aggregated VoC insights (drivers, avoidable share, groups, prediction, outcomes)',
      roles: VOC_READER_ROLES,
      query: insightsQuery,
      response: insightsResponse,
      rateLimitPerMinute: 120,
      handler: async ({ principal, query }) => {
        const { centerId, where } = windowOf(principal, query);
        // Grouped by UTC hour inside, by the retailer's day or week outside: insights-buckets.ts.
        const bucket = buckets.bucket(query.bucket);
        const hour = buckets.key;
        const run = async <R>(q: RawBuilder<R>) => (await q.execute(db)).rows;

        const drivers = await run(sql<{ b: string; reason: string; c: number }>`
          select ${bucket} as b, reason, sum(c) as c from (
            select ${hour} as h, ${f.reason} as reason, count(*) as c
            from voc_records v where ${where} group by 1, 2
          ) t group by 1, 2 order by 1, 3 desc, 2`);
        const avoidable = await run(sql<{ b: string; c: number; a: number }>`
          select ${bucket} as b, sum(c) as c, sum(a) as a from (
            select ${hour} as h, count(*) as c, ${f.countIf(f.avoidable)} as a
            from voc_records v where ${where} group by 1
          ) t group by 1 order by 1`);
        const groupBy = async (key: RawBuilder<string | null>, limit?: number) => {
          const rows = await run(sql<{ k: string | null; c: number; a: number; r: number }>`
            select k, count(*) as c, sum(av) as a, sum(res) as r from (
              select ${key} as k,
                case when ${f.avoidable} then 1 else 0 end as av,
                case when ${f.resolution} = 'resolved' then 1 else 0 end as res
              from voc_records v where ${where}
            ) t group by k order by 2 desc, 1
            ${limit ? sql`limit ${limit}` : sql``}`);
          return rows.map((r): InsightsGroup => ({
            key: r.k,
            count: n(r.c),
            avoidable: n(r.a),
            resolved: n(r.r),
          }));
        };
        const confusion = await run(sql<{ p: string; r: string; c: number }>`
          select ${f.predicted} as p, ${f.reason} as r, count(*) as c
          from voc_records v where ${where} and ${f.predicted} is not null
          group by 1, 2 order by 3 desc, 1, 2`);
        const scripts = await run(sql<{
          s: string | null;
          sv: number | null;
          c: number;
          res: number;
          pos: number;
          neu: number;
          neg: number;
          acw: number;
        }>`
          select ${f.scriptId} as s, ${f.scriptVersion} as sv, count(*) as c,
            ${f.countIf(sql`${f.resolution} = 'resolved'`)} as res,
            ${f.countIf(sql`${f.sentiment} = 'positive'`)} as pos,
            ${f.countIf(sql`${f.sentiment} = 'neutral'`)} as neu,
            ${f.countIf(sql`${f.sentiment} = 'negative'`)} as neg,
            sum(${f.afterCallWorkSeconds}) as acw
          from voc_records v where ${where} group by 1, 2 order by 1, 2`);
        const harassment = await run(sql<{ b: string; c: number; t: number }>`
          select ${bucket} as b, sum(c) as c, sum(ended) as t from (
            select ${hour} as h, count(*) as c, ${f.countIf(f.callTerminated)} as ended
            from voc_records v where ${where} and ${f.harassed} group by 1
          ) t group by 1 order by 1`);

        const centers = await db
          .selectFrom('centers')
          .select(['id', 'name'])
          .where('tenant_id', '=', principal.tenantId)
          .$if(principal.role !== 'retailer_admin', (q) => q.where('id', '=', principal.centerId!))
          .orderBy('id')
          .execute();
        const cells = confusion.map((r) => ({ predicted: r.p, confirmed: r.r, count: n(r.c) }));
        const response: InsightsResponse = {
          from: query.from ?? null,
          to: query.to ?? null,
          centerId: centerId ?? null,
          bucket: query.bucket,
          timeZone,
          centers,
          total: avoidable.reduce((sum, r) => sum + n(r.c), 0),
          drivers: drivers.map((r) => ({ bucket: r.b, reason: r.reason, count: n(r.c) })),
          avoidable: avoidable.map((r) => ({ bucket: r.b, count: n(r.c), avoidable: n(r.a) })),
          byCenter: await groupBy(sql`v.center_id`),
          byCarrier: await groupBy(f.carrier),
          byProduct: await groupBy(f.product, INSIGHTS_PRODUCT_GROUPS),
          prediction: {
            predicted: cells.reduce((sum, c) => sum + c.count, 0),
            agreed: cells
              .filter((c) => c.predicted === c.confirmed)
              .reduce((sum, c) => sum + c.count, 0),
            cells,
          },
          byScriptVersion: scripts.map((r) => ({
            scriptId: r.s,
            scriptVersion: r.sv === null ? null : n(r.sv),
            count: n(r.c),
            resolved: n(r.res),
            positive: n(r.pos),
            neutral: n(r.neu),
            negative: n(r.neg),
            averageAfterCallWorkSeconds: n(r.c) ? n(r.acw) / n(r.c) : 0,
          })),
          harassment: {
            incidents: harassment.reduce((sum, r) => sum + n(r.c), 0),
            callsTerminated: harassment.reduce((sum, r) => sum + n(r.t), 0),
            byBucket: harassment.map((r) => ({ bucket: r.b, count: n(r.c) })),
          },
        };
        return response;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/insights/words',
      summary: "The customers' own words behind a reason, newest first (paged)",
      roles: VOC_READER_ROLES,
      query: insightsWordsQuery,
      response: insightsWordsResponse,
      rateLimitPerMinute: 240,
      handler: async ({ principal, query }) => {
        const { where } = windowOf(principal, query);
        const after = query.cursor ? decodeCursor(query.cursor) : null;
        const rows = (
          await sql<{
            id: string;
            received_at: string;
            center_id: string;
            reason: string;
            sentiment: 'positive' | 'neutral' | 'negative';
            words: string;
          }>`
          select v.id, v.received_at, v.center_id, ${f.reason} as reason,
            ${f.sentiment} as sentiment, ${f.words} as words
          from voc_records v
          where ${where}
            ${query.reason ? sql`and ${f.reason} = ${query.reason}` : sql``}
            ${query.harassment ? sql`and ${f.harassed}` : sql``}
            ${
              after
                ? sql`and (v.received_at < ${after.receivedAt}
                    or (v.received_at = ${after.receivedAt} and v.id < ${after.id}))`
                : sql``
            }
          order by v.received_at desc, v.id desc
          limit ${query.limit + 1}`.execute(db)
        ).rows;
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        return {
          items: page.map((r) => ({
            id: r.id,
            receivedAt: r.received_at,
            centerId: r.center_id,
            reason: r.reason,
            sentiment: r.sentiment,
            words: r.words,
          })),
          nextCursor:
            rows.length > query.limit && last
              ? Buffer.from(`${last.received_at}|${last.id}`).toString('base64url')
              : null,
        };
      },
    }),
  ];
}

function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!receivedAt || !id) throw new HttpError(400, 'invalid_request', 'query.cursor: not ours');
  return { receivedAt, id };
}

/**
 * The records a request may read: the caller's tenant, the center `vocReadCenter` allows, and the
 * window's SQL. Stored timestamps are `toISOString()` text, so a bound is compared in that form:
 * an instant in another offset converted, a calendar date read as the start of that day in the
 * retailer's zone.
 */
function windowIn(timeZone: string) {
  const instant = (value: string) =>
    new Date(
      /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfLocalDay(value, timeZone) : Date.parse(value),
    ).toISOString();
  return (principal: Principal, query: { centerId?: string; from?: string; to?: string }) => {
    const centerId = vocReadCenter(principal, query.centerId);
    const { from, to } = query;
    const where = sql<boolean>`v.tenant_id = ${principal.tenantId}
    ${centerId !== undefined ? sql`and v.center_id = ${centerId}` : sql``}
    ${from !== undefined ? sql`and v.received_at >= ${instant(from)}` : sql``}
    ${to !== undefined ? sql`and v.received_at < ${instant(to)}` : sql``}`;
    return { centerId, where };
  };
}

/** The VoC record's fields inside its stored JSON, and the joined order/shipment, per dialect. */
export function insightFields(dialect: ServerDialect) {
  const countIf = (condition: RawBuilder<unknown>) =>
    sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  if (dialect === 'sqlite') {
    const data = storedJson(dialect, 'v.data');
    const j = (path: string) => sql`json_extract(${data}, ${sql.lit(path)})`;
    return {
      countIf,
      reason: sql<string>`${j('$.reasonCodes[0]')}`,
      predicted: sql<string | null>`${j('$.predictedReason')}`,
      resolution: sql<string>`${j('$.resolution')}`,
      sentiment: sql<string>`${j('$.sentiment')}`,
      avoidable: sql<boolean>`(${j('$.avoidable')} = 1)`,
      afterCallWorkSeconds: sql<number>`${j('$.afterCallWorkSeconds')}`,
      scriptId: sql<string | null>`${j('$.scriptId')}`,
      scriptVersion: sql<number | null>`${j('$.scriptVersion')}`,
      harassed: sql<boolean>`(${j('$.harassment')} is not null)`,
      callTerminated: sql<boolean>`(${j('$.harassment.callTerminated')} = 1)`,
      words: sql<string>`${j('$.customerWords')}`,
      // The expression of the records_by_order_ref index, so the lookup uses it; `+s.id` keeps
      // the planner from walking the primary key (in id order) over every shipment instead.
      carrier: sql<string | null>`(select json_extract(s.data, '$.carrier') from records s
        where s.tenant_id = v.tenant_id and s.type = 'shipment'
          and json_extract(s.data, '$.orderId') = ${j('$.orderId')} and s.deleted = 0
        order by +s.id limit 1)`,
      product: sql<string | null>`(select json_extract(o.data, '$.lines[0].productName')
        from records o where o.tenant_id = v.tenant_id and o.type = 'order'
          and o.id = ${j('$.orderId')} and o.deleted = 0)`,
    };
  }
  const data = storedJson(dialect, 'v.data');
  const j = (key: string) => sql`(${data} ->> ${sql.lit(key)})`;
  return {
    countIf,
    reason: sql<string>`(${data} -> 'reasonCodes' ->> 0)`,
    predicted: sql<string | null>`${j('predictedReason')}`,
    resolution: sql<string>`${j('resolution')}`,
    sentiment: sql<string>`${j('sentiment')}`,
    avoidable: sql<boolean>`(${j('avoidable')} = 'true')`,
    afterCallWorkSeconds: sql<number>`(${j('afterCallWorkSeconds')})::integer`,
    scriptId: sql<string | null>`${j('scriptId')}`,
    scriptVersion: sql<number | null>`(${j('scriptVersion')})::integer`,
    harassed: sql<boolean>`(${j('harassment')} is not null)`,
    callTerminated: sql<boolean>`((${data} #>> '{harassment,callTerminated}') = 'true')`,
    words: sql<string>`${j('customerWords')}`,
    carrier: sql<string | null>`(select (s.data::jsonb ->> 'carrier') from records s
      where s.tenant_id = v.tenant_id and s.type = 'shipment'
        and (s.data::jsonb ->> 'orderId') = ${j('orderId')} and s.deleted = 0
      order by s.id limit 1)`,
    product: sql<string | null>`(select (o.data::jsonb -> 'lines' -> 0 ->> 'productName')
      from records o where o.tenant_id = v.tenant_id and o.type = 'order'
        and o.id = ${j('orderId')} and o.deleted = 0)`,
  };
}
