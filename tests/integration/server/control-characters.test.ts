import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../../src/shared/domain/primitives';
import type { VocRecord } from '../../../src/shared/domain/voc';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import { jsonPaths } from '../../fixtures/arbitraries';
import {
  customerRecord,
  orderRecord,
  shipmentRecord,
  vocFor,
} from '../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * Every control character on every text field, on both databases. U+0000 once took down a
 * tenant's analytics on PostgreSQL (jsonb refuses `\u0000`): a text field now either refuses
 * control characters with a clear 400 (identifiers, codes) or stores the text without them
 * (free text keeps tab and line breaks; one-line text turns them into spaces). And a bad row an
 * older server already stored never fails a report.
 */

/** The whole C0 range, DEL, the whole C1 range and a lone surrogate, between letters. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
].join('');
const HOSTILE = `a${CONTROLS}\ud800b`;
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const STORED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udfff]/;

const at = '2026-11-01T09:00:00.000Z';
const SAMPLES: RetailerRecord[] = [
  customerRecord({ id: 'c1' }),
  orderRecord({ id: 'o1', customerId: 'c1' }),
  shipmentRecord({ id: 's1', orderId: 'o1' }),
  {
    type: 'return',
    data: {
      ...{ id: 'r1', orderId: 'o1', customerId: 'c1', kind: 'return', status: 'requested' },
      ...{ refundStatus: 'pending', reason: 'サイズ違い', amount: 4_980, currency: 'JPY' },
      ...{ requestedAt: at, updatedAt: at },
    },
  },
  {
    type: 'claim',
    data: {
      ...{ id: 'cl1', orderId: 'o1', shipmentId: 's1', customerId: 'c1', type: 'damaged' },
      ...{ status: 'open', outcome: null, amount: 4_980, currency: 'JPY' },
      ...{ openedAt: at, resolvedAt: null, updatedAt: at },
    },
  },
  {
    type: 'contact',
    data: {
      ...{ id: 'ct1', customerId: 'c1', orderId: 'o1', channel: 'email', direction: 'inbound' },
      ...{
        occurredAt: at,
        reasonCode: 'delivery.late',
        summary: '遅延の問い合わせ',
        updatedAt: at,
      },
    },
  },
  {
    type: 'notice',
    data: {
      ...{ id: 'n1', customerId: 'c1', orderId: 'o1', channel: 'email', kind: 'delay' },
      ...{ language: 'ja', sentAt: at, message: 'お届けが遅れます', updatedAt: at },
    },
  },
  {
    type: 'reason',
    data: {
      ...{ code: 'delivery.late', parentCode: 'delivery', labelJa: '配達遅延' },
      ...{ labelEn: 'Late delivery', avoidableDefault: true, sortOrder: 1, active: true },
    },
  },
  {
    type: 'script_version',
    data: {
      ...{ scriptId: 'late', version: 1, language: 'ja', title: '遅延対応' },
      triggers: { reasons: ['delivery.late'], tiers: ['gold'], centers: ['retailer-a-center-x'] },
      steps: [
        {
          id: 's1',
          text: 'お詫びします',
          compliance: true,
          branches: [{ label: 'はい', next: 's2' }],
        },
        { id: 's2', text: '確認します', compliance: false, branches: [] },
      ],
      ...{ releaseNotes: '初版', publishedAt: at },
    },
  },
  {
    type: 'knowledge_answer',
    data: {
      ...{ id: 'k1', version: 1, language: 'ja', title: '返品', body: '30日以内' },
      ...{ tags: ['返品'], publishedAt: at, centers: ['retailer-a-center-x'] },
    },
  },
  {
    type: 'policy',
    data: {
      ...{ id: 'p1', kind: 'delay_coupon', labelJa: '遅延クーポン', labelEn: 'Delay coupon' },
      ...{ params: { note: '500円', amount: 500 }, active: true, updatedAt: at },
    },
  },
];

/** Fields whose text a retailer must be able to send with a stray control character in it. */
const MUST_ACCEPT = [
  'customer.familyName',
  'customer.addressLine',
  'order.lines.0.productName',
  'shipment.events.0.description',
  'return.reason',
  'contact.summary',
  'notice.message',
  'reason.labelJa',
  'script_version.title',
  'script_version.steps.0.text',
  'knowledge_answer.body',
  'knowledge_answer.tags.0',
  'policy.params.note',
  'voc.customerWords',
  'voc.harassment.note',
  'voc.riskSignals.0.reasons.0.ja',
];
/** Identifiers: a control character in one is refused, never cleaned into another id. */
const MUST_REFUSE = [
  'customer.id',
  'customer.emails.0',
  'customer.phones.0.number',
  'order.orderNumber',
  'order.lines.0.sku',
  'shipment.trackingNumber',
  'script_version.scriptId',
  'script_version.steps.0.id',
  'policy.id',
  'voc.agentId',
  'voc.predictedReason',
  'voc.scriptId',
  'voc.scriptSteps.0',
];

const FULL_VOC = (agentId: string, centerId: string): VocRecord =>
  vocFor(agentId, centerId, {
    orderId: 'o1',
    scriptId: 'late',
    scriptVersion: 1,
    scriptSteps: ['s1'],
    nextBestActions: ['delay_coupon'],
    nextBestActionsDone: ['delay_coupon'],
    harassment: { flaggedAt: at, warningsGiven: 1, callTerminated: false, note: '大声' },
    riskSignals: [
      {
        signal: 'claim_risk',
        score: 0.8,
        threshold: 0.7,
        action: 'verification_required',
        reasons: [{ code: 'prior_claims', ja: '過去の申告', en: 'Prior claims' }],
      },
    ],
  });

function get(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], value);
}
function set(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const parent = path.slice(0, -1).reduce<unknown>((n, k) => (n as never)[k], copy);
  (parent as Record<string | number, unknown>)[path.at(-1)!] = leaf;
  return copy;
}
const stringPaths = (value: unknown) =>
  jsonPaths(value).filter((p) => p.length > 0 && typeof get(value, p) === 'string');

describeEachDatabase('control characters on every text field ($name)', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  const agentId = 'retailer-a-center-x-agent';
  const centerId = 'retailer-a-center-x';

  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    agent = await signIn(server.url, `agent@${centerId}.example`);
  });
  afterAll(() => server?.close());

  /** Every stats, insights and export read answers 200 and counts `expected` records. */
  async function expectReportsWork(expected: number) {
    const stats = await call(server.url, admin, 'GET', '/v1/voc/stats');
    expect(stats.status, JSON.stringify(stats.json)).toBe(200);
    expect((stats.json as { total: number }).total).toBe(expected);
    for (const path of [
      '/v1/voc/stats?centerId=retailer-a-center-x',
      '/v1/insights?bucket=day',
      '/v1/insights/words',
      '/v1/insights/words?reason=delivery.late&harassment=true',
      '/v1/voc/export?format=ndjson&reason=delivery.late&scriptId=late&scriptVersion=1',
      '/v1/voc/export?format=csv',
    ]) {
      const reply = await call(server.url, admin, 'GET', path);
      expect(reply.status, `${path}: ${JSON.stringify(reply.json)}`).toBe(200);
      // eslint-disable-next-line no-control-regex -- no NUL reaches a report
      expect(JSON.stringify(reply.json)).not.toMatch(/\u0000/);
    }
    const csv = await call(server.url, admin, 'GET', '/v1/voc/export?format=csv');
    expect(String(csv.json)).not.toContain('\u0000');
  }

  it('refuses them in identifiers and strips them from free text, in every retailer record', async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    let pushes = 0;
    let since = (
      (await call(server.url, admin, 'GET', '/v1/sync/pull?limit=1')).json as {
        headCursor: string;
      }
    ).headCursor;
    for (const sample of SAMPLES) {
      for (const path of stringPaths(sample.data)) {
        const name = `${sample.type}.${path.join('.')}`;
        // Each push is a newer version (the latest write wins; see latest-write-wins.test.ts).
        const version = new Date(Date.parse(at) + ++pushes * 1000).toISOString();
        const timed = { ...sample.data } as Record<string, unknown>;
        if ('updatedAt' in timed) timed.updatedAt = version;
        if ('publishedAt' in timed) timed.publishedAt = version;
        const data = set(timed, path, HOSTILE);
        const reply = await call(server.url, admin, 'POST', '/v1/data/batch', {
          records: [{ type: sample.type, data }],
        });
        if (reply.status === 400) {
          expect((reply.json as { error: { code: string } }).error.code, name).toBe(
            'invalid_request',
          );
          refused.push(name);
          continue;
        }
        expect(reply.status, `${name}: ${JSON.stringify(reply.json)}`).toBe(200);
        accepted.push(name);
        const page = (await call(server.url, admin, 'GET', `/v1/sync/pull?since=${since}`))
          .json as { cursor: string; records: RetailerRecord[] };
        since = page.cursor;
        const stored = page.records.find((r) => r.type === sample.type)?.data;
        const text = get(stored, path) as string;
        expect([cleanText(HOSTILE), cleanLine(HOSTILE)], name).toContain(text);
        expect(text, name).not.toMatch(STORED_CONTROL);
      }
    }
    expect(accepted).toEqual(
      expect.arrayContaining(MUST_ACCEPT.filter((f) => !f.startsWith('voc.'))),
    );
    expect(refused).toEqual(
      expect.arrayContaining(MUST_REFUSE.filter((f) => !f.startsWith('voc.'))),
    );
  });

  it('refuses them in identifiers and strips them from free text, in every VoC field', async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    const sample = FULL_VOC(agentId, centerId);
    for (const path of stringPaths(sample)) {
      if (path[0] === 'id') continue; // a UUIDv7 pattern; refused like any other identifier
      const name = `voc.${path.join('.')}`;
      const record = set({ ...sample, id: uuidV7() }, path, HOSTILE) as VocRecord;
      const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] });
      if (reply.status === 400) {
        refused.push(name);
        continue;
      }
      expect(reply.status, `${name}: ${JSON.stringify(reply.json)}`).toBe(200);
      expect((reply.json as { results: { status: string }[] }).results[0]!.status, name).toBe(
        'accepted',
      );
      accepted.push(name);
      const list = (await call(server.url, admin, 'GET', '/v1/voc?limit=1000')).json as {
        records: VocRecord[];
      };
      const text = get(
        list.records.find((r) => r.id === record.id),
        path,
      ) as string;
      expect([cleanText(HOSTILE), cleanLine(HOSTILE)], name).toContain(text);
      expect(text, name).not.toMatch(STORED_CONTROL);
    }
    expect(accepted).toEqual(
      expect.arrayContaining(MUST_ACCEPT.filter((f) => f.startsWith('voc.'))),
    );
    expect(refused).toEqual(
      expect.arrayContaining(MUST_REFUSE.filter((f) => f.startsWith('voc.'))),
    );
    await expectReportsWork(accepted.length);
  });

  it('keeps every report working over a bad row an older server stored', async () => {
    const before = (await call(server.url, admin, 'GET', '/v1/voc/stats')).json as {
      total: number;
    };
    // Written as an older server did: the text as it came, serialized with its escapes.
    const bad = [
      { ...FULL_VOC(agentId, centerId), customerWords: 'a\u0000b' },
      { ...FULL_VOC(agentId, centerId), predictedReason: 'x\ud800', customerWords: '\ud800' },
      { ...FULL_VOC(agentId, centerId), customerWords: '\\u0000 and \u0000' },
    ].map((r) => ({ ...r, id: uuidV7() }));
    for (const record of bad) {
      await server.store.db
        .insertInto('voc_records')
        .values({
          tenant_id: 'retailer-a',
          id: record.id,
          center_id: centerId,
          agent_id: agentId,
          content_hash: 'stored-by-an-older-server',
          data: JSON.stringify(record),
          received_at: new Date().toISOString(),
        })
        .execute();
    }
    await expectReportsWork(before.total + bad.length);
  });
});
