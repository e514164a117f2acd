import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import {
  insightsResponse,
  insightsWordsResponse,
  type InsightsGroup,
  type InsightsResponse,
} from '../../../../src/shared/protocol/insights';
import { localDate, mondayOf } from '../../../../src/shared/time-zone';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import { sql } from 'kysely';
import { insightFields } from '../../../../server/src/routes/insights-routes';
import { seededRandom } from '../../../../bench/lib/figures';
import { orderRecord, shipmentRecord, vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const X = 'retailer-a-center-x';
const Y = 'retailer-a-center-y';
const B_Y = 'retailer-b-center-y';
const REASONS = ['delivery.late', 'billing.charge', 'returns.request', 'product.defect'];
const HOSTILE = '<img src=x onerror=alert(1)> 「まだ届かない」';

/** Orders and shipments of retailer A; order o6 has two shipments (the first by id counts). */
const PRODUCTS: Record<string, string> = {
  o1: 'ゆめぴりか 5kg',
  o2: '今治タオル',
  o3: 'ゆめぴりか 5kg',
  o4: '南部鉄器 急須',
  o5: '今治タオル',
  o6: '有田焼 皿',
};
const SHIPMENTS = [
  { id: 's1', orderId: 'o1', carrier: 'yamato' },
  { id: 's2', orderId: 'o2', carrier: 'sagawa' },
  { id: 's3', orderId: 'o3', carrier: 'japan_post' },
  { id: 's4', orderId: 'o4', carrier: 'yamato' },
  { id: 's6b', orderId: 'o6', carrier: 'yamato' },
  { id: 's6a', orderId: 'o6', carrier: 'sagawa' },
] as const;
const carrierOf = (orderId: string | null) =>
  [...SHIPMENTS].sort((a, b) => (a.id < b.id ? -1 : 1)).find((s) => s.orderId === orderId)
    ?.carrier ?? null;

interface Row {
  record: VocRecord;
  receivedAt: string;
}

/** The day in Tokyo (the server's default zone) of an instant, as the server buckets days. */
const tokyoDay = (iso: string) => localDate(Date.parse(iso), 'Asia/Tokyo');
/** The Monday on or before that day, as the server buckets weeks. */
const weekOf = (iso: string) => mondayOf(tokyoDay(iso));

/** Every number of the insights, counted directly from the fixture in plain TypeScript. */
function expectedInsights(
  rows: readonly Row[],
): Omit<InsightsResponse, 'from' | 'to' | 'centerId' | 'bucket' | 'centers' | 'timeZone'> {
  const count = <K>(items: readonly Row[], key: (r: Row) => K) => {
    const m = new Map<K, Row[]>();
    for (const r of items) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const group = (key: (r: Row) => string | null, limit = Infinity): InsightsGroup[] =>
    [...count(rows, key)]
      .map(([k, rs]) => ({
        key: k,
        count: rs.length,
        avoidable: rs.filter((r) => r.record.avoidable).length,
        resolved: rs.filter((r) => r.record.resolution === 'resolved').length,
      }))
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)))
      .slice(0, limit);
  const week = (r: Row) => weekOf(r.receivedAt);
  const predicted = rows.filter((r) => r.record.predictedReason !== null);
  const harassed = rows.filter((r) => r.record.harassment !== null);
  return {
    total: rows.length,
    drivers: [...count(rows, (r) => `${week(r)}|${r.record.reasonCodes[0]}`)].map(([k, rs]) => {
      const [bucket, reason] = k.split('|') as [string, string];
      return { bucket, reason, count: rs.length };
    }),
    avoidable: [...count(rows, week)].map(([bucket, rs]) => ({
      bucket,
      count: rs.length,
      avoidable: rs.filter((r) => r.record.avoidable).length,
    })),
    byCenter: group((r) => r.record.centerId),
    byCarrier: group((r) => carrierOf(r.record.orderId)),
    byProduct: group((r) => (r.record.orderId ? (PRODUCTS[r.record.orderId] ?? null) : null), 12),
    prediction: {
      predicted: predicted.length,
      agreed: predicted.filter((r) => r.record.predictedReason === r.record.reasonCodes[0]).length,
      cells: [
        ...count(predicted, (r) => `${r.record.predictedReason}|${r.record.reasonCodes[0]}`),
      ].map(([k, rs]) => {
        const [p, c] = k.split('|') as [string, string];
        return { predicted: p, confirmed: c, count: rs.length };
      }),
    },
    byScriptVersion: [
      ...count(rows, (r) => `${r.record.scriptId ?? ''}|${r.record.scriptVersion ?? ''}`),
    ].map(([k, rs]) => {
      const [s, v] = k.split('|') as [string, string];
      return {
        scriptId: s || null,
        scriptVersion: v ? Number(v) : null,
        count: rs.length,
        resolved: rs.filter((r) => r.record.resolution === 'resolved').length,
        positive: rs.filter((r) => r.record.sentiment === 'positive').length,
        neutral: rs.filter((r) => r.record.sentiment === 'neutral').length,
        negative: rs.filter((r) => r.record.sentiment === 'negative').length,
        averageAfterCallWorkSeconds:
          rs.reduce((sum, r) => sum + r.record.afterCallWorkSeconds, 0) / rs.length,
      };
    }),
    harassment: {
      incidents: harassed.length,
      callsTerminated: harassed.filter((r) => r.record.harassment!.callTerminated).length,
      byBucket: [...count(harassed, week)].map(([bucket, rs]) => ({ bucket, count: rs.length })),
    },
  };
}

/** Order-insensitive comparison: the arrays' order is the server's presentation, not the data. */
function normalized(
  response: Omit<
    InsightsResponse,
    'from' | 'to' | 'centerId' | 'bucket' | 'centers' | 'timeZone'
  > & {
    timeZone?: unknown;
    from?: unknown;
    to?: unknown;
    centerId?: unknown;
    bucket?: unknown;
    centers?: unknown;
  },
) {
  const {
    from: _from,
    to: _to,
    centerId: _centerId,
    bucket: _bucket,
    centers: _centers,
    timeZone: _timeZone,
    ...value
  } = response;
  const sort = <T>(items: T[]) =>
    [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    ...value,
    drivers: sort(value.drivers),
    avoidable: sort(value.avoidable),
    byCenter: sort(value.byCenter),
    byCarrier: sort(value.byCarrier),
    byProduct: sort(value.byProduct),
    prediction: { ...value.prediction, cells: sort(value.prediction.cells) },
    byScriptVersion: sort(
      value.byScriptVersion.map((s) => ({
        ...s,
        averageAfterCallWorkSeconds: Math.round(s.averageAfterCallWorkSeconds * 1e6) / 1e6,
      })),
    ),
    harassment: { ...value.harassment, byBucket: sort(value.harassment.byBucket) },
  };
}

describeEachDatabase('VoC insights on $name', ({ postgres }) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const rows: Row[] = [];
  const bRows: Row[] = [];

  const insights = async (who: string, query = '') => {
    const reply = await call(server.url, tokens[who]!, 'GET', `/v1/insights${query}`);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return insightsResponse.parse(reply.json);
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
    const emails: Record<string, string> = {
      admin: 'admin@retailer-a.example',
      adminB: 'admin@retailer-b.example',
      supervisorX: `supervisor@${X}.example`,
      trainerY: `trainer@${Y}.example`,
      agentX: `agent@${X}.example`,
    };
    for (const [who, email] of Object.entries(emails))
      tokens[who] = await signIn(server.url, email);

    const batch = {
      records: [
        ...Object.entries(PRODUCTS).map(([id, productName]) =>
          orderRecord({
            id,
            customerId: 'c1',
            lines: [{ lineNo: 1, sku: id, productName, quantity: 1, unitPrice: 1000 }],
          }),
        ),
        ...SHIPMENTS.map((s) => shipmentRecord({ ...s })),
      ],
    };
    expect((await call(server.url, tokens.admin!, 'POST', '/v1/data/batch', batch)).status).toBe(
      200,
    );
    // Retailer B has an order with the same id: the join must stay in its tenant.
    const bBatch = {
      records: [
        orderRecord({
          id: 'o1',
          customerId: 'c1',
          lines: [{ lineNo: 1, sku: 'b', productName: 'B only', quantity: 1, unitPrice: 1 }],
        }),
        shipmentRecord({ id: 's1', orderId: 'o1', carrier: 'fedex' }),
      ],
    };
    expect((await call(server.url, tokens.adminB!, 'POST', '/v1/data/batch', bBatch)).status).toBe(
      200,
    );

    // Six weeks of calls from 2026-09-07 (a Monday), with every field varied.
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const start = Date.UTC(2026, 8, 7);
    for (let i = 0; i < 240; i++) {
      const centerId = random() < 0.6 ? X : Y;
      const reason = pick(REASONS);
      const script = pick([null, ['greeting', 1], ['greeting', 2], ['returns', 1]] as const);
      const record = vocFor(`${centerId}-agent`, centerId, {
        id: uuidV7(),
        reasonCodes: random() < 0.2 ? [reason, pick(REASONS)] : [reason],
        predictedReason: random() < 0.25 ? null : random() < 0.7 ? reason : pick(REASONS),
        avoidable: random() < 0.4,
        resolution: pick(['resolved', 'resolved', 'escalated', 'callback'] as const),
        sentiment: pick(['positive', 'neutral', 'negative'] as const),
        scriptId: script?.[0] ?? null,
        scriptVersion: script?.[1] ?? null,
        afterCallWorkSeconds: Math.floor(random() * 300),
        orderId: pick([null, 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o-missing']),
        customerWords: i % 17 === 0 ? HOSTILE : `お客様の声 ${i}`,
        harassment:
          random() < 0.08
            ? {
                flaggedAt: '2026-11-23T01:03:00.000Z',
                warningsGiven: 1,
                callTerminated: random() < 0.5,
                note: 'raised voice',
              }
            : null,
      });
      const receivedAt = new Date(start + Math.floor(random() * 42 * 86_400_000)).toISOString();
      rows.push({ record, receivedAt });
    }
    for (let i = 0; i < 5; i++) {
      bRows.push({
        record: vocFor(`${B_Y}-agent`, B_Y, { id: uuidV7(), orderId: 'o1' }),
        receivedAt: new Date(start + i * 86_400_000).toISOString(),
      });
    }
    await server.store.db
      .insertInto('voc_records')
      .values(
        [...rows, ...bRows].map(({ record, receivedAt }) => ({
          tenant_id: record.centerId === B_Y ? 'retailer-b' : 'retailer-a',
          id: record.id,
          center_id: record.centerId,
          agent_id: record.agentId,
          content_hash: record.id,
          data: JSON.stringify(record),
          received_at: receivedAt,
        })),
      )
      .execute();
  });
  afterAll(() => server?.close());

  it('computes every figure as a direct count of the records does', async () => {
    const all = await insights('admin');
    expect(all.total).toBe(240);
    expect(normalized(all)).toEqual(normalized(expectedInsights(rows)));
    // Carrier and product come from the order and shipment records.
    expect(all.byCarrier.map((g) => g.key)).toEqual(
      expect.arrayContaining(['yamato', 'sagawa', 'japan_post', null]),
    );
    expect(all.byProduct.map((g) => g.key)).not.toContain('B only');
    // Largest groups first.
    expect(all.byCenter[0]!.count).toBeGreaterThanOrEqual(all.byCenter[1]!.count);

    const x = await insights('admin', `?centerId=${X}`);
    expect(normalized(x)).toEqual(
      normalized(expectedInsights(rows.filter((r) => r.record.centerId === X))),
    );
    const from = '2026-09-21T00:00:00.000Z';
    const to = '2026-10-05T00:00:00+00:00';
    const window = await insights('admin', `?from=${from}&to=${encodeURIComponent(to)}`);
    expect(normalized(window)).toEqual(
      normalized(
        expectedInsights(rows.filter((r) => r.receivedAt >= from && r.receivedAt < '2026-10-05')),
      ),
    );
    const daily = await insights('admin', '?bucket=day');
    const days = new Set(rows.map((r) => tokyoDay(r.receivedAt)));
    expect(new Set(daily.avoidable.map((a) => a.bucket))).toEqual(days);
  });

  it('scopes by role: a supervisor sees its center only, an agent nothing, another tenant nothing', async () => {
    const supervisor = await insights('supervisorX');
    expect(supervisor.centerId).toBe(X);
    expect(supervisor.centers).toEqual([{ id: X, name: X }]);
    expect((await insights('trainerY')).centers.map((c) => c.id)).toEqual([Y]);
    expect(normalized(supervisor)).toEqual(
      normalized(expectedInsights(rows.filter((r) => r.record.centerId === X))),
    );
    expect((await insights('supervisorX', `?centerId=${X}`)).total).toBe(supervisor.total);
    for (const path of [`/v1/insights?centerId=${Y}`, `/v1/insights/words?centerId=${Y}`]) {
      expect((await call(server.url, tokens.supervisorX!, 'GET', path)).status).toBe(403);
    }
    for (const path of ['/v1/insights', '/v1/insights/words']) {
      expect((await call(server.url, tokens.agentX!, 'GET', path)).status).toBe(403);
      expect((await call(server.url, null, 'GET', path)).status).toBe(401);
    }
    // A trainer reads its own center, as in the export and the stats.
    expect((await insights('trainerY')).total).toBe(
      rows.filter((r) => r.record.centerId === Y).length,
    );
    const b = await insights('adminB');
    expect(b.total).toBe(5);
    expect(b.byCarrier).toEqual([{ key: 'fedex', count: 5, avoidable: 5, resolved: 5 }]);
    expect(b.byProduct.map((g) => g.key)).toEqual(['B only']);
    expect((await insights('adminB', `?centerId=${X}`)).total).toBe(0);
  });

  it("pages through the customers' own words of a reason, newest first, text as it was", async () => {
    const reason = 'delivery.late';
    const expected = rows
      .filter((r) => r.record.centerId === X && r.record.reasonCodes[0] === reason)
      .sort((a, b) =>
        a.receivedAt === b.receivedAt
          ? b.record.id.localeCompare(a.record.id)
          : b.receivedAt.localeCompare(a.receivedAt),
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?reason=${reason}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const reply = await call(server.url, tokens.supervisorX!, 'GET', `/v1/insights/words${q}`);
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      const page = insightsWordsResponse.parse(reply.json);
      for (const item of page.items) {
        const row = rows.find((r) => r.record.id === item.id)!;
        expect(item).toEqual({
          id: row.record.id,
          receivedAt: row.receivedAt,
          centerId: X,
          reason,
          sentiment: row.record.sentiment,
          words: row.record.customerWords,
        });
        seen.push(item.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(expected.map((r) => r.record.id));
    expect(pages).toBe(Math.ceil(expected.length / 7) || 1);
    expect(expected.some((r) => r.record.customerWords === HOSTILE)).toBe(true);

    const harassed = await call(
      server.url,
      tokens.admin!,
      'GET',
      '/v1/insights/words?harassment=true&limit=100',
    );
    expect(
      insightsWordsResponse
        .parse(harassed.json)
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(
      rows
        .filter((r) => r.record.harassment)
        .map((r) => r.record.id)
        .sort(),
    );
    const bad = await call(server.url, tokens.admin!, 'GET', '/v1/insights/words?cursor=bm9wZQ');
    expect(bad.status).toBe(400);
  });

  it.runIf(!postgres)(
    'finds a record’s order and shipments by index, not by scanning',
    async () => {
      const f = insightFields('sqlite');
      const plan = await sql<{ detail: string }>`explain query plan
      select ${f.carrier}, ${f.product} from voc_records v where v.tenant_id = 'retailer-a'`.execute(
        server.store.db,
      );
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toContain('SEARCH s USING INDEX records_by_order_ref');
      expect(details).toMatch(/SEARCH o USING INDEX \S+ \(tenant_id=\? AND type=\? AND id=\?\)/);
    },
  );
});
