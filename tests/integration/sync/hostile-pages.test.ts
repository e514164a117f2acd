import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import {
  startPageDecoder,
  typescriptPageDecoderEntry,
} from '../../../src/main/core/sync/page-decoder';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { SyncError } from '../../../src/main/core/sync/sync-error';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { pullPage, type PullPage } from '../../../src/shared/protocol/sync';
import {
  applyMutation,
  garbageBytesArb,
  hostileTextArb,
  jsonPaths,
  mutationArb,
  retailerRecordArb,
  retailerRecordArbs,
} from '../../fixtures/arbitraries';
import {
  customerRecord,
  orderRecord,
  pulledPage,
  shipmentRecord,
} from '../../fixtures/retailer-records';
import { fakeSignedInSessions } from '../../fixtures/sync-client';

/**
 * The real client (`createRetailerApi` + `pullChanges` on a real SQLite file, pages decoded on
 * the page decoder's thread as in the app) against a fake retailer that serves malformed and
 * hostile pages. A malformed page is a SyncError of kind
 * `invalid_response` and changes nothing; hostile but valid text is stored as sent (less the control characters the protocol strips).
 */

interface Served {
  status?: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
  /** Announce the full length, send this many bytes, then drop the connection. */
  dropAfter?: number;
}

let queue: Served[] = [];
const fake = http.createServer((_req, res) => {
  const next = queue.shift() ?? { status: 500, body: '{"error":{"code":"x","message":"empty"}}' };
  const body =
    typeof next.body === 'string' ? Buffer.from(next.body, 'utf8') : Buffer.from(next.body);
  res.writeHead(next.status ?? 200, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    ...next.headers,
  });
  if (next.dropAfter !== undefined) {
    res.write(body.subarray(0, next.dropAfter));
    setTimeout(() => res.socket?.destroy(), 5);
    return;
  }
  res.end(body);
});

let baseUrl = '';
let dir = '';
const sessions = fakeSignedInSessions();
const decoder = startPageDecoder(typescriptPageDecoderEntry);
const api = () => createRetailerApi({ baseUrl, sessions, pageDecoder: decoder });

const serverTime = '2026-11-23T00:00:00.000Z';
const pageOf = (records: RetailerRecord[], cursor: string, extra: Partial<PullPage> = {}) =>
  pulledPage(records, cursor, { serverTime, ...extra });

/** Every row of every table, in a stable order: what "nothing changed" is measured against. */
function dump(local: LocalDatabase): Record<string, string[]> {
  const tables = local.sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
    .all() as { name: string }[];
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    out[name] = (local.sqlite.prepare(`select * from "${name}"`).all() as unknown[])
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return out;
}

const cursorOf = (local: LocalDatabase) =>
  (
    local.sqlite.prepare(`select value from sync_state where key = 'cursor'`).get() as
      { value: string } | undefined
  )?.value ?? null;

/** Serves `pages` in turn and pulls; the outcome is the result or the error. */
async function pullServing(local: LocalDatabase, ...pages: Served[]) {
  queue = [...pages];
  try {
    return { ok: true as const, result: await pullChanges(local.sqlite, api(), { pageSize: 100 }) };
  } catch (error) {
    return { ok: false as const, error };
  } finally {
    queue = [];
  }
}

function expectInvalidResponse(outcome: Awaited<ReturnType<typeof pullServing>>, what: string) {
  expect(outcome.ok, `${what}: was applied`).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error, `${what}: ${String(outcome.error)}`).toBeInstanceOf(SyncError);
  expect((outcome.error as SyncError).kind, `${what}: ${String(outcome.error)}`).toBe(
    'invalid_response',
  );
}

const json = (value: unknown): Served => ({ body: JSON.stringify(value) });

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'koe-hostile-'));
});
afterAll(async () => {
  await decoder.close();
  await new Promise((resolve) => fake.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const openLocal = () => openDatabase({ filename: join(dir, `cache-${++fileCounter}.sqlite`) });

describe('malformed pages from the retailer', () => {
  let local: LocalDatabase;
  const baseline = pageOf(
    [
      customerRecord({ id: 'c1' }),
      orderRecord({ id: 'o1', customerId: 'c1' }),
      shipmentRecord({ id: 's1', orderId: 'o1' }),
    ],
    '3',
  );

  beforeAll(async () => {
    local = await openLocal();
    const first = await pullServing(local, json(baseline));
    expect(first.ok, String(!first.ok && first.error)).toBe(true);
    expect(cursorOf(local)).toBe('3');
  });
  afterAll(() => local.close());

  /** Serves a page that must be refused, and checks nothing of it was applied. */
  async function expectRefused(served: Served, what: string) {
    const before = dump(local);
    expectInvalidResponse(await pullServing(local, served), what);
    expect(cursorOf(local), what).toBe('3');
    expect(dump(local), `${what}: the cache changed`).toEqual(before);
  }

  /** A valid page with up to 30 records, its cursor far ahead of the stored one. */
  const validPageArb = fc
    .array(retailerRecordArb(), { minLength: 1, maxLength: 30 })
    .map((records) => pageOf(records, '1000'));

  it('refuses pages of the wrong shape (a field replaced, removed or blown up)', async () => {
    await fc.assert(
      fc.asyncProperty(
        validPageArb.chain((page) => fc.tuple(fc.constant(page), mutationArb(page))),
        async ([page, mutation]) => {
          const broken = applyMutation(page, mutation);
          fc.pre(!pullPage.safeParse(broken).success);
          await expectRefused(
            { body: JSON.stringify(broken) ?? '' },
            `${mutation.op} ${mutation.path.join('.')}`,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses pages with bad dates anywhere', async () => {
    const badDate = fc.oneof(
      fc.constantFrom(
        '',
        'yesterday',
        '2026-13-01T00:00:00.000Z',
        '2026-02-30',
        '2026-11-01T25:00:00.000Z',
        '2026-11-01T09:00:00',
        '2026-11-01 09:00:00Z',
        '20261101T090000Z',
        '2026/11/01',
        '1e10',
        '0000-00-00T00:00:00.000Z',
        '2026-11-01T09:00:00.000+25:00',
        '<script>alert(1)</script>',
      ),
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(validPageArb, badDate, fc.nat(), async (page, date, seed) => {
        const dated = jsonPaths(page).filter((p) =>
          /(At|Date|serverTime|purgeBefore)$/.test(String(p.at(-1))),
        );
        const path = dated[seed % dated.length]!;
        const broken = applyMutation(page, { op: 'replace', path, value: date });
        fc.pre(!pullPage.safeParse(broken).success);
        await expectRefused({ body: JSON.stringify(broken) }, `${path.join('.')} = ${date}`);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses answers that are not JSON, or are cut short', async () => {
    const served = fc.oneof(
      garbageBytesArb.map((body): Served => ({ body })),
      fc.string({ unit: 'binary', maxLength: 200 }).map((body): Served => ({ body })),
      fc.constantFrom<Served>(
        { body: '' },
        { body: '<!doctype html><html><body>Service Unavailable</body></html>' },
        { body: 'null' },
        { body: '[]' },
        { body: '"page"' },
        { body: JSON.stringify(baseline).replace('"records"', "'records'") },
        { body: JSON.stringify([pageOf([], '1000')]) },
        { body: JSON.stringify(pageOf([], '1000')), headers: { 'content-encoding': 'gzip' } },
      ),
      // Truncated: the body is a prefix of a valid page.
      fc
        .tuple(validPageArb, fc.double({ min: 0, max: 0.999, noNaN: true }))
        .map(([page, cut]): Served => {
          const text = JSON.stringify(page);
          return { body: text.slice(0, Math.floor(text.length * cut)) };
        }),
      // Dropped: the full length announced, the connection closed midway.
      fc
        .tuple(validPageArb, fc.double({ min: 0, max: 0.999, noNaN: true }))
        .map(([page, cut]): Served => {
          const text = JSON.stringify(page);
          return { body: text, dropAfter: Math.floor(Buffer.byteLength(text) * cut) };
        }),
    );
    await fc.assert(
      fc.asyncProperty(served, async (s) => {
        await expectRefused(
          s,
          `${s.dropAfter !== undefined ? `dropped after ${s.dropAfter}: ` : ''}${Buffer.from(s.body).toString('utf8').slice(0, 80)}`,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('refuses pages over the protocol limits', async () => {
    const reasons = Array.from({ length: 10_001 }, (_, i) => ({
      type: 'reason' as const,
      data: {
        code: `r${i}`,
        parentCode: null,
        labelJa: 'x',
        labelEn: 'x',
        avoidableDefault: false,
        sortOrder: i,
        active: true,
      },
    }));
    await expectRefused(json(pageOf(reasons, '1000')), '10,001 records');
    await expectRefused(
      json({
        ...pageOf([], '1000'),
        deletions: Array.from({ length: 10_001 }, (_, i) => ({ type: 'customer', id: `c${i}` })),
      }),
      '10,001 deletions',
    );
    await expectRefused(
      json(pageOf([customerRecord({ id: 'x'.repeat(65) })], '1000')),
      'an id of 65 characters',
    );
    await expectRefused(json(pageOf([], '1'.repeat(21))), 'a cursor of 21 digits');
    await expectRefused(json(pageOf([], '-1')), 'a negative cursor');
    await expectRefused(json({ ...pageOf([], '1000'), protocolVersion: 2 }), 'protocol version 2');
  });

  it('keeps the cursor of the last good page when a later page is malformed', async () => {
    const before = dump(local);
    const outcome = await pullServing(
      local,
      json(
        pageOf([customerRecord({ id: 'c2', updatedAt: '2026-11-02T00:00:00.000Z' })], '4', {
          hasMore: true,
        }),
      ),
      { body: '{"protocolVersion":1,"cursor":"5","hasMore":false,"records":[{"type":"customer"' },
    );
    expectInvalidResponse(outcome, 'second page truncated');
    // The first page committed on its own; nothing of the second.
    expect(cursorOf(local)).toBe('4');
    expect(dump(local).customers).toHaveLength(before.customers!.length + 1);
    // The next pull starts after the good page.
    queue = [json(pageOf([], '4'))];
    await pullChanges(local.sqlite, api());
  });

  it('never lets prototype keys in a page pollute or slip in', async () => {
    const poison = fc.constantFrom(
      '"__proto__":{"polluted":"yes"}',
      '"constructor":{"prototype":{"polluted":"yes"}}',
      '"__proto__":{"familyName":"polluted"}',
      '"\\u005f_proto__":{"polluted":"yes"}',
    );
    await fc.assert(
      fc.asyncProperty(validPageArb, poison, fc.nat(), async (page, key, seed) => {
        const objects = jsonPaths(page).filter((p) => {
          const v = p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], page);
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        const path = objects[seed % objects.length]!;
        const marked = structuredClone(page) as unknown as Record<string, unknown>;
        const target = path.reduce<Record<string | number, unknown>>(
          (n, k) => n[k] as Record<string | number, unknown>,
          marked,
        );
        target['koe-marker'] = 1;
        const text = JSON.stringify(marked).replace('"koe-marker":1', key);
        const before = dump(local);
        const outcome = await pullServing(local, { body: text });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);
        if (outcome.ok) {
          // Accepted as the protocol reads it: the key ignored, never stored.
          expect(JSON.stringify(dump(local))).not.toContain('polluted');
        } else {
          expectInvalidResponse(outcome, text.slice(0, 120));
          expect(dump(local)).toEqual(before);
        }
        // Back to the baseline cursor for the next case.
        local.sqlite.prepare(`update sync_state set value = '3' where key = 'cursor'`).run();
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a bootstrap page that is malformed without loading any of it', async () => {
    const fresh = await openLocal();
    try {
      const outcome = await pullServing(fresh, {
        body: JSON.stringify(
          pageOf(
            [customerRecord({ id: 'c1' }), { type: 'order', data: { id: 'o1' } } as never],
            '2',
          ),
        ),
      });
      expectInvalidResponse(outcome, 'bootstrap with a broken order');
      expect(cursorOf(fresh)).toBeNull();
      expect(fresh.sqlite.prepare('select count(*) n from customers').get()).toEqual({ n: 0 });
    } finally {
      await fresh.close();
    }
  });

  it('refuses a page with two order lines numbered alike, applying nothing of it', async () => {
    // The protocol says line numbers are unique within an order (the server refuses such an
    // order on the way in); a page that carries one anyway is refused whole as invalid.
    const page = pageOf(
      [
        customerRecord({ id: 'dup-c', updatedAt: '2026-11-03T00:00:00.000Z' }),
        orderRecord({
          id: 'dup-o',
          customerId: 'dup-c',
          updatedAt: '2026-11-03T00:00:00.000Z',
          lines: [
            { lineNo: 1, sku: 'A', productName: 'a', quantity: 1, unitPrice: 1 },
            { lineNo: 1, sku: 'B', productName: 'b', quantity: 1, unitPrice: 1 },
          ],
        }),
      ],
      '1000',
    );
    expect(pullPage.safeParse(page).success).toBe(false);
    const before = dump(local);
    const outcome = await pullServing(local, json(page));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(dump(local)).toEqual(before);
      expect(outcome.error).toBeInstanceOf(SyncError);
      expect((outcome.error as SyncError).kind).toBe('invalid_response');
    }
  });
});

describe('hostile but valid text', () => {
  it('stores names, messages and ids with markup, SQL and odd Unicode exactly as sent', async () => {
    const text = hostileTextArb(300);
    const id = hostileTextArb(64).filter((s) => s.length > 0);
    const arbs = retailerRecordArbs({ text, id });
    const recordsArb = fc.uniqueArray(fc.oneof(...Object.values(arbs)), {
      minLength: 1,
      maxLength: 25,
      selector: (r) => `${r.type}/${key(r)}`,
    });
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const page = pageOf(records, '7');
        const parsed = pullPage.safeParse(page);
        fc.pre(parsed.success);
        const local = await openLocal();
        try {
          const outcome = await pullServing(local, json(page));
          expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
          // As the protocol keeps it: free text without control characters (primitives.ts).
          for (const record of parsed.data!.records) expectStored(local, record);
        } finally {
          await local.close();
        }
      }),
      // A fresh cache file per run makes shrinking slow: report the first failure as found.
      { numRuns: 30, endOnFailure: true },
    );
  });
});

function key(r: RetailerRecord): string {
  switch (r.type) {
    case 'reason':
      return r.data.code;
    case 'script_version':
      return `${r.data.scriptId}@${r.data.version}`;
    default:
      return r.data.id;
  }
}

/** Reads a record back from the cache and compares every text it keeps, byte for byte. */
function expectStored(local: LocalDatabase, record: RetailerRecord): void {
  const row = (sql: string, ...params: unknown[]) =>
    local.sqlite.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  const rows = (sql: string, ...params: unknown[]) =>
    local.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
  const what = `${record.type} ${JSON.stringify(key(record))}`;
  switch (record.type) {
    case 'customer': {
      const c = record.data;
      expect(row('select * from customers where id = ?', c.id), what).toMatchObject({
        family_name: c.familyName,
        given_name: c.givenName,
        family_name_kana: c.familyNameKana,
        given_name_kana: c.givenNameKana,
        prefecture: c.prefecture,
        postal_code: c.postalCode,
        address_line: c.addressLine,
        emails: JSON.stringify(c.emails),
      });
      break;
    }
    case 'order': {
      const o = record.data;
      expect(row('select * from orders where id = ?', o.id), what).toMatchObject({
        customer_id: o.customerId,
        order_number: o.orderNumber,
      });
      expect(
        rows('select sku, product_name from order_lines where order_id = ? order by line_no', o.id),
        what,
      ).toEqual(
        [...o.lines]
          .sort((a, b) => a.lineNo - b.lineNo)
          .map((l) => ({ sku: l.sku, product_name: l.productName })),
      );
      break;
    }
    case 'shipment': {
      const s = record.data;
      expect(row('select * from shipments where id = ?', s.id), what).toMatchObject({
        order_id: s.orderId,
        tracking_number: s.trackingNumber,
        origin_prefecture: s.originPrefecture,
        destination_prefecture: s.destinationPrefecture,
      });
      expect(
        rows(
          'select location, description from tracking_events where shipment_id = ? order by seq',
          s.id,
        ),
        what,
      ).toEqual(s.events.map((e) => ({ location: e.location, description: e.description })));
      break;
    }
    case 'return':
      expect(row('select * from returns where id = ?', record.data.id), what).toMatchObject({
        reason: record.data.reason,
        order_id: record.data.orderId,
      });
      break;
    case 'claim':
      expect(row('select * from claims where id = ?', record.data.id), what).toMatchObject({
        order_id: record.data.orderId,
        shipment_id: record.data.shipmentId,
      });
      break;
    case 'contact':
      expect(row('select * from contacts where id = ?', record.data.id), what).toMatchObject({
        summary: record.data.summary,
        reason_code: record.data.reasonCode,
      });
      break;
    case 'notice':
      expect(row('select * from notices where id = ?', record.data.id), what).toMatchObject({
        message: record.data.message,
      });
      break;
    case 'reason':
      expect(row('select * from reasons where code = ?', record.data.code), what).toMatchObject({
        label_ja: record.data.labelJa,
        label_en: record.data.labelEn,
        parent_code: record.data.parentCode,
      });
      break;
    case 'script_version': {
      const v = record.data;
      expect(
        row(
          'select * from script_versions where script_id = ? and version = ?',
          v.scriptId,
          v.version,
        ),
        what,
      ).toMatchObject({
        title: v.title,
        release_notes: v.releaseNotes,
        steps: JSON.stringify(v.steps),
        triggers: JSON.stringify(v.triggers),
      });
      break;
    }
    case 'knowledge_answer':
      expect(
        row('select * from knowledge_answers where id = ?', record.data.id),
        what,
      ).toMatchObject({
        title: record.data.title,
        body: record.data.body,
        tags: JSON.stringify(record.data.tags),
      });
      break;
    case 'policy':
      expect(row('select * from policies where id = ?', record.data.id), what).toMatchObject({
        label_ja: record.data.labelJa,
        label_en: record.data.labelEn,
        params: JSON.stringify(record.data.params),
      });
      break;
  }
}
