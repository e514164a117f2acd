import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { scanOutreachCandidates } from '../../../src/main/core/outreach/outreach-candidates';
import { createOutreachService } from '../../../src/main/core/outreach/outreach-service';
import { refreshPendingOutreachOf } from '../../../src/main/core/outreach/outreach-table';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import type { Notice, Shipment } from '../../../src/shared/domain';
import {
  DEFAULT_DEMO_NOW,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';
import {
  rankOutreach,
  type OutreachCandidate,
} from '../../../src/shared/outreach/outreach-ranking';
import type { RetailerRecord } from '../../../src/shared/protocol/records';

type Customer = Extract<RetailerRecord, { type: 'customer' }>['data'];
import type { Deletion, PullPage } from '../../../src/shared/protocol/sync';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import { vocFor } from '../../fixtures/retailer-records';

/**
 * The outreach list's maintained table (outreach_candidates) against the scan it replaced, on a
 * generated cache: bootstrapped through the real pull (its triggers off, the table rebuilt after),
 * then random sequences of changes through the real pull, the wrap-up saver and the pull's sliced
 * purge. After every step the table alone (nothing left pending for a reader to compute) holds
 * exactly the scan's candidates for every open shipment, and the ranked lists agree.
 */
const NOW = DEFAULT_DEMO_NOW.getTime();
const OPEN = new Set(['label_created', 'in_transit', 'out_for_delivery', 'delayed']);
let dir: string;
let database: LocalDatabase;
let cursor = 0;
let clock = NOW;
/** The latest version of every record the retailer sent, by type and id (what changes start from). */
let latest = new Map<string, RetailerRecord>();
let bootstrapped: { file: string; latest: Map<string, RetailerRecord> };
let runs = 0;

const later = () => new Date((clock += 1_000)).toISOString();

async function pull(
  records: RetailerRecord[],
  deletions: Deletion[] = [],
  purgeBefore: string | null = null,
) {
  const page: PullPage = {
    protocolVersion: 1,
    cursor: String(++cursor),
    hasMore: false,
    records,
    deletions,
    purgeBefore,
    serverTime: new Date(clock).toISOString(),
  };
  const opened: OpenedPull = {
    announced: null,
    read: async () => page,
    received: async () => undefined,
    cancel: () => {},
  };
  await pullChanges(database.sqlite, { openPull: async () => opened } as unknown as RetailerApi);
  for (const r of records) latest.set(`${r.type}:${(r.data as { id: string }).id}`, r);
  for (const d of deletions) latest.delete(`${d.type}:${d.id}`);
}

const ofType = <T>(type: string) =>
  [...latest.values()].filter((r) => r.type === type).map((r) => r.data as T);

/** Every open shipment's candidate as the table holds it, and as the scan finds it. */
async function bothSides() {
  const sqlite = database.sqlite;
  const pending = (
    sqlite.prepare('select count(*) as n from outreach_pending').get() as {
      n: number;
    }
  ).n;
  const table = (
    sqlite.prepare('select candidate from outreach_candidates').all() as { candidate: string }[]
  )
    .map((r) => JSON.parse(r.candidate) as OutreachCandidate)
    .sort((a, b) => a.shipment.id.localeCompare(b.shipment.id));
  const scan = (
    await scanOutreachCandidates(database.db, NOW, { lookbackDays: 100_000, limit: 1_000_000 })
  )
    .filter((c) => OPEN.has(c.shipment.status) && c.shipment.deliveredAt === null)
    .sort((a, b) => a.shipment.id.localeCompare(b.shipment.id));
  return { pending, table, scan };
}

async function expectTableEqualsScan() {
  const { pending, table, scan } = await bothSides();
  expect(pending).toBe(0);
  expect(table).toEqual(scan);
  for (const at of [NOW, NOW + 3 * 86_400_000]) {
    const list = await createOutreachService({ sqlite: database.sqlite, now: () => at }).list(
      100_000,
    );
    expect(list.entries).toEqual(rankOutreach(await scanOutreachCandidates(database.db, at), at));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-outreach-table-'));
  database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  // A bootstrap: the first pull, with the outreach triggers off and the rows rebuilt after.
  const records = [...generateDemoRecords({ size: 'demo', customers: 1_000 })].flat();
  await pull(records);
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  bootstrapped = { file: join(dir, 'koe.sqlite'), latest: new Map(latest) };
}, 120_000);

/** Each run of the property starts from its own copy of the bootstrapped cache. */
async function freshCopy(): Promise<void> {
  await database.close();
  const file = join(dir, `run-${++runs}.sqlite`);
  copyFileSync(bootstrapped.file, file);
  database = await openDatabase({ filename: file });
  latest = new Map(bootstrapped.latest);
}

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One change a retailer (or this desk) can make to what the list reads. */
type Change = { kind: string; pick: number };

async function applyChange({ kind, pick }: Change): Promise<void> {
  const at = <T>(items: T[]) => items[pick % Math.max(1, items.length)];
  const shipments = ofType<Shipment>('shipment');
  const openShipments = shipments.filter((s) => OPEN.has(s.status) && s.deliveredAt === null);
  const shipment = at(openShipments.length > 0 ? openShipments : shipments);
  const orderOf = (s: Shipment | undefined) =>
    s
      ? ofType<{ id: string; customerId: string }>('order').find((o) => o.id === s.orderId)
      : undefined;
  const order = orderOf(shipment);
  const customer = order
    ? ofType<Customer>('customer').find((c) => c.id === order.customerId)
    : at(ofType<Customer>('customer'));
  if (!shipment || !customer) return;
  switch (kind) {
    case 'tier':
      return pull([
        {
          type: 'customer',
          data: {
            ...customer,
            tier: customer.tier === 'vip' ? 'standard' : 'vip',
            lifetimeValue: customer.lifetimeValue + 50_000,
            updatedAt: later(),
          },
        },
      ]);
    case 'rename':
      return pull([
        {
          type: 'customer',
          data: { ...customer, familyName: `${customer.familyName}改`, updatedAt: later() },
        },
      ]);
    case 'phones':
      return pull([
        {
          type: 'customer',
          data: {
            ...customer,
            phones: [
              { number: `090${String(10_000_000 + pick).slice(-8)}`, kind: 'mobile' as const },
              ...customer.phones,
            ].slice(0, 3),
            updatedAt: later(),
          },
        },
      ]);
    case 'delivered':
      return pull([
        {
          type: 'shipment',
          data: { ...shipment, status: 'delivered', deliveredAt: later(), updatedAt: later() },
        },
      ]);
    case 'delay_event':
      return pull([
        {
          type: 'shipment',
          data: {
            ...shipment,
            status: 'delayed',
            events: [
              ...shipment.events,
              { occurredAt: later(), status: 'delayed', location: '東京', description: '遅延' },
            ],
            updatedAt: later(),
          },
        },
      ]);
    case 'late_promise':
      return pull([
        {
          type: 'shipment',
          data: {
            ...shipment,
            promisedDate: new Date(NOW - 2 * 86_400_000).toISOString().slice(0, 10),
            updatedAt: later(),
          },
        },
      ]);
    case 'new_shipment':
      return pull([
        {
          type: 'shipment',
          data: {
            ...shipment,
            id: `shp-new-${uuidV7()}`,
            status: 'in_transit',
            deliveredAt: null,
            events: [],
            promisedDate: new Date(NOW - 86_400_000).toISOString().slice(0, 10),
            updatedAt: later(),
          },
        },
      ]);
    case 'delay_notice': {
      const notice: Notice = {
        id: `ntc-${uuidV7()}`,
        customerId: customer.id,
        orderId: pick % 3 === 0 ? null : shipment.orderId,
        channel: 'email',
        kind: 'delay',
        language: 'ja',
        sentAt: later(),
        message: 'お届けが遅れております',
        updatedAt: later(),
      };
      return pull([{ type: 'notice', data: notice }]);
    }
    case 'notice_deleted': {
      const notice = ofType<Notice>('notice')
        .filter((n) => n.kind === 'delay')
        .at(pick % 7);
      return notice ? pull([], [{ type: 'notice', id: notice.id }]) : undefined;
    }
    case 'order_moved': {
      const other = at(ofType<Customer>('customer').filter((c) => c.id !== customer.id));
      const full = ofType<{ id: string; customerId: string; updatedAt: string }>('order').find(
        (o) => o.id === shipment.orderId,
      );
      return other && full
        ? pull([
            {
              type: 'order',
              data: { ...full, customerId: other.id, updatedAt: later() },
            } as RetailerRecord,
          ])
        : undefined;
    }
    case 'shipment_deleted':
      return pull([], [{ type: 'shipment', id: shipment.id }]);
    case 'order_deleted':
      return pull([], [{ type: 'order', id: shipment.orderId }]);
    case 'customer_deleted':
      return pull([], [{ type: 'customer', id: customer.id }]);
    case 'proactive_call': {
      const ended = new Date(NOW - (pick % 2 === 0 ? 3_600_000 : 3 * 86_400_000)).toISOString();
      createVocRecordSaver(database.sqlite)(
        vocFor('agent-1', 'center-1', {
          customerId: customer.id,
          orderId: shipment.orderId,
          reasonCodes: ['outreach.delay'],
          contactType: 'proactive',
          outreachOutcome: 'no_answer',
          startedAt: ended,
          endedAt: ended,
          savedAt: ended,
        }),
      );
      // As the wrap-up service does just after the save's commit.
      refreshPendingOutreachOf(database.sqlite, customer.id);
      return;
    }
    case 'purge':
      // The pull's sliced purge: orders placed before the date go, with their shipments.
      return pull(
        [],
        [],
        new Date(NOW - (20 + (pick % 60)) * 86_400_000).toISOString().slice(0, 10),
      );
  }
}

const KINDS = [
  'tier',
  'rename',
  'phones',
  'delivered',
  'delay_event',
  'late_promise',
  'new_shipment',
  'delay_notice',
  'notice_deleted',
  'order_moved',
  'shipment_deleted',
  'order_deleted',
  'customer_deleted',
  'proactive_call',
  'purge',
];

describe('the outreach list as a maintained table', () => {
  it('after a bootstrap, holds every open shipment the scan finds, and ranks the same list', async () => {
    const { table } = await bothSides();
    expect(table.length).toBeGreaterThan(30);
    await expectTableEqualsScan();
  });

  it('stays equal to the scan through any sequence of pulls, wrap-ups and purges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom(...KINDS), pick: fc.nat({ max: 10_000 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (changes) => {
          await freshCopy();
          for (const change of changes) {
            await applyChange(change);
            await expectTableEqualsScan();
          }
        },
      ),
      { numRuns: 25, seed: 20261207 },
    );
    // Each run copies and reopens a cache file: minutes on a loaded 2-core machine.
  }, 300_000);
});
