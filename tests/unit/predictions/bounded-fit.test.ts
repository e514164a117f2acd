import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { fitCallReasonModel } from '../../../src/main/core/predictions/call-reason-model';
import { fitDeliveryModel } from '../../../src/main/core/predictions/delivery-estimate';
import {
  readCallExamples,
  readLabelledCalls,
  readTransitColumns,
  readTransitSamples,
} from '../../../src/main/core/predictions/prediction-data';
import {
  refreshModels,
  type RefitThreshold,
} from '../../../src/main/core/predictions/prediction-fit';
import { loadModels } from '../../../src/main/core/predictions/prediction-store';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import type { Contact } from '../../../src/shared/domain';
import {
  DEFAULT_DEMO_NOW,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { PullPage } from '../../../src/shared/protocol/sync';
import { vocFor } from '../../fixtures/retailer-records';

/**
 * The fit's memory and how often it runs. Histories are read a batch of customers at a time and
 * dropped once their calls are taken: the calls, and the model fitted on them, are exactly those
 * of one read of every history. And a refresh with a threshold keeps the stored models until
 * enough new data arrived through the real pull (or wrap-ups saved here), instead of refitting
 * from scratch after every pull.
 */
const NOW = DEFAULT_DEMO_NOW.getTime() + 10 * 3_600_000;
let dir: string;
let database: LocalDatabase;
let cursor = 0;

async function pull(records: RetailerRecord[]): Promise<void> {
  const page: PullPage = {
    protocolVersion: 1,
    cursor: String(++cursor),
    hasMore: false,
    records,
    deletions: [],
    purgeBefore: null,
    serverTime: new Date(NOW).toISOString(),
  };
  const opened: OpenedPull = {
    announced: null,
    read: async () => page,
    received: async () => undefined,
    cancel: () => {},
  };
  await pullChanges(database.sqlite, { openPull: async () => opened } as unknown as RetailerApi);
}

let contactId = 0;
function contacts(n: number, customerId: string): RetailerRecord[] {
  return Array.from({ length: n }, (): RetailerRecord => {
    const data: Contact = {
      id: `k-new-${++contactId}`,
      customerId,
      orderId: null,
      channel: 'call',
      direction: 'inbound',
      occurredAt: '2026-11-20T02:00:00.000Z',
      reasonCode: 'delivery.wismo',
      summary: '配送状況の確認',
      updatedAt: new Date(NOW).toISOString(),
    };
    return { type: 'contact', data };
  });
}

let someCustomer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-bounded-fit-'));
  database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  const records = [...generateDemoRecords({ size: 'demo', customers: 800 })].flat();
  await pull(records);
  someCustomer = (
    database.sqlite.prepare('select id from customers order by local_id limit 1').get() as {
      id: string;
    }
  ).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the fit reads histories in bounded batches', () => {
  it('takes the same calls, in the same order, as one read of every history', () => {
    const whole = readCallExamples(database.sqlite, { batchCustomers: Infinity });
    const batched = readCallExamples(database.sqlite, { batchCustomers: 7 });
    expect(whole.length).toBeGreaterThan(100);
    expect(batched).toEqual(whole);
    const now = new Date(NOW);
    expect(fitCallReasonModel(batched, { now })).toEqual(fitCallReasonModel(whole, { now }));
  });

  it('keeps only what the fit reads, and fits the same models from it', () => {
    const examples = readCallExamples(database.sqlite);
    const kept = readLabelledCalls(database.sqlite, { batchCustomers: 7 });
    expect(kept).toEqual(
      examples.map((e) => ({
        at: e.at,
        reasonCode: e.reasonCode,
        facts: e.facts,
        rules: e.rules.slice(0, 1).map((r) => ({ reasonCode: r.reasonCode })),
      })),
    );
    const now = new Date(NOW);
    expect(fitCallReasonModel(kept, { now })).toEqual(fitCallReasonModel(examples, { now }));

    // Deliveries as columns (no object per delivery) give the model the objects give.
    const samples = readTransitSamples(database.sqlite);
    const columns = readTransitColumns(database.sqlite);
    expect(columns.length).toBeGreaterThan(500);
    expect(columns.days.length).toBeGreaterThanOrEqual(columns.length);
    expect(fitDeliveryModel(columns, now)).toEqual(fitDeliveryModel(samples, now));
  });
});

describe('a refresh with a threshold', () => {
  // 1 % of what was pulled, at least 5 records; a fit a day old refits on any new data.
  const refitWhen: RefitThreshold = { share: 0.01, atLeast: 5, maxAgeMs: 86_400_000 };
  const refresh = (now = NOW) => refreshModels(database.sqlite, { now, refitWhen });

  it('keeps the stored models after a small pull, and refits once enough arrived', async () => {
    expect(refreshModels(database.sqlite, { now: NOW }).fitted).toBe(true);
    // The model-input records pulled up to the fit (the watermark's count).
    const pulled = loadModels(database.sqlite)!.watermark.pulledChanges;
    const needed = Math.ceil(pulled * 0.01);
    expect(needed).toBeGreaterThan(5);

    await pull(contacts(needed - 2, someCustomer));
    const kept = refresh();
    expect(kept.fitted).toBe(false);
    // A wrap-up saved here counts too, and the pulls add up: still one short.
    createVocRecordSaver(database.sqlite)(
      vocFor('agent-1', 'center-1', { customerId: someCustomer }),
    );
    expect(refresh().fitted).toBe(false);
    await pull(contacts(1, someCustomer));
    expect(refresh().fitted).toBe(true);
    expect(refresh().fitted).toBe(false);
  });

  it('refits a day-old fit on any new data', async () => {
    await pull(contacts(1, someCustomer));
    expect(refresh().fitted).toBe(false);
    expect(refresh(NOW + 86_400_000).fitted).toBe(true);
  });
});
