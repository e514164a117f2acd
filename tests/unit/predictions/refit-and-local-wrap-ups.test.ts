import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { readCallExamples } from '../../../src/main/core/predictions/prediction-data';
import { refreshModels } from '../../../src/main/core/predictions/prediction-fit';
import { loadModels } from '../../../src/main/core/predictions/prediction-store';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import type { Contact } from '../../../src/shared/domain';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { PullPage } from '../../../src/shared/protocol/sync';
import {
  customerRecord,
  orderRecord,
  reasonRecord,
  shipmentRecord,
  vocFor,
} from '../../fixtures/retailer-records';

/**
 * What makes the models refit, through the real pull into a real cache file: edits in place
 * (a contact's reason corrected, a parcel marked lost) as well as new rows, and wrap-ups saved
 * on this desktop; and those wrap-ups are learned from at once, each call once even after the
 * pull brings it back as a contact.
 */
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
let dir: string;
let database: LocalDatabase;
let cursor = 0;

function contactRecord(overrides: Partial<Contact> & { id: string }): RetailerRecord {
  return {
    type: 'contact',
    data: {
      customerId: 'c1',
      orderId: 'o1',
      channel: 'call',
      direction: 'inbound',
      occurredAt: '2026-11-20T02:00:00.000Z',
      reasonCode: 'delivery.wismo',
      summary: '配送状況の確認',
      updatedAt: '2026-11-20T02:10:00.000Z',
      ...overrides,
    },
  };
}

/** One page from the retailer, applied by the pull exactly as a sync applies it. */
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
  const api = { openPull: async () => opened } as unknown as RetailerApi;
  await pullChanges(database.sqlite, api);
}

const refit = () => refreshModels(database.sqlite, { now: NOW }).fitted;
const saveWrapUp = (overrides: Parameters<typeof vocFor>[2]) => {
  const record = vocFor('agent-1', 'center-1', overrides);
  createVocRecordSaver(database.sqlite)(record);
  return record;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-refit-'));
  database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  await pull([
    customerRecord({ id: 'c1' }),
    orderRecord({ id: 'o1', customerId: 'c1' }),
    shipmentRecord({ id: 's1', orderId: 'o1' }),
    contactRecord({ id: 'k1' }),
  ]);
});

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the refit check', () => {
  it('fits once, then reuses the fit while nothing the models read changed', () => {
    expect(refit()).toBe(true);
    expect(refit()).toBe(false);
  });

  it('refits when a contact’s reason is corrected in place', async () => {
    await pull([
      contactRecord({
        id: 'k1',
        reasonCode: 'delivery.late',
        updatedAt: '2026-11-21T00:00:00.000Z',
      }),
    ]);
    expect(refit()).toBe(true);
    expect(refit()).toBe(false);
  });

  it('refits when a parcel is marked lost (no new row, still undelivered)', async () => {
    const openBefore = loadModels(database.sqlite)!.watermark.openShipments;
    await pull([
      shipmentRecord({
        id: 's1',
        orderId: 'o1',
        status: 'lost',
        updatedAt: '2026-11-22T00:00:00.000Z',
      }),
    ]);
    expect(refit()).toBe(true);
    expect(loadModels(database.sqlite)!.watermark.openShipments).toBe(openBefore);
  });

  it('does not refit for records the models never read', async () => {
    await pull([reasonRecord()]);
    expect(refit()).toBe(false);
  });

  it('refits when a wrap-up is saved on this desktop, though nothing was pulled', () => {
    const before = readCallExamples(database.sqlite).length;
    saveWrapUp({
      customerId: 'c1',
      startedAt: '2026-11-22T01:00:00.000Z',
      endedAt: '2026-11-22T01:05:00.000Z',
      savedAt: '2026-11-22T01:06:00.000Z',
    });
    expect(refit()).toBe(true);
    expect(refit()).toBe(false);
    expect(readCallExamples(database.sqlite).length).toBe(before + 1);
  });
});

describe('training on this desktop’s confirmed wrap-ups', () => {
  it('learns a wrap-up at once, from the card as it was when the call rang', () => {
    const record = saveWrapUp({
      customerId: 'c1',
      reasonCodes: ['order.cancel', 'delivery.late'],
      startedAt: '2026-11-22T06:00:00.000Z',
      endedAt: '2026-11-22T06:04:00.000Z',
      savedAt: '2026-11-22T06:05:00.000Z',
    });
    const example = readCallExamples(database.sqlite).find((e) => e.at === record.startedAt);
    expect(example?.reasonCode).toBe('order.cancel');
    expect(example?.customerId).toBe('c1');
    // The parcel was promised for 11/18: four days late when the call rang.
    expect(example?.facts.days_late).toBeGreaterThan(0);
    // The earlier wrap-up (01:00 the same day) is this call's previous reason.
    expect(example?.facts.previous_reason).toBe('delivery.late');
  });

  it('counts a wrap-up once when the pull brings it back, under its id or the retailer’s', async () => {
    const sameId = saveWrapUp({
      customerId: 'c1',
      reasonCodes: ['returns.request'],
      startedAt: '2026-11-22T08:00:00.000Z',
      endedAt: '2026-11-22T08:03:00.000Z',
      savedAt: '2026-11-22T08:04:00.000Z',
    });
    const ownId = saveWrapUp({
      customerId: 'c1',
      reasonCodes: ['billing.payment'],
      startedAt: '2026-11-22T09:00:00.000Z',
      endedAt: '2026-11-22T09:10:00.000Z',
      savedAt: '2026-11-22T09:11:00.000Z',
    });
    const examples = () => readCallExamples(database.sqlite);
    const before = examples().length;

    await pull([
      // The retailer kept the wrap-up's id, and corrected its reason.
      contactRecord({
        id: sameId.id,
        occurredAt: sameId.startedAt,
        reasonCode: 'returns.status',
        updatedAt: '2026-11-22T10:00:00.000Z',
      }),
      // The retailer numbered it its own way; it began a minute into the call.
      contactRecord({
        id: 'crm-77',
        occurredAt: '2026-11-22T09:01:00.000Z',
        reasonCode: 'billing.payment',
        updatedAt: '2026-11-22T10:00:00.000Z',
      }),
      // Another call the next day: a call of its own.
      contactRecord({
        id: 'crm-78',
        occurredAt: '2026-11-23T03:00:00.000Z',
        reasonCode: 'delivery.late',
        updatedAt: '2026-11-23T03:10:00.000Z',
      }),
    ]);
    const after = examples();
    expect(after.length).toBe(before + 1);
    expect(after.filter((e) => e.at >= '2026-11-22T08:00' && e.at < '2026-11-22T10:00')).toEqual([
      expect.objectContaining({ at: sameId.startedAt, reasonCode: 'returns.status' }),
      expect.objectContaining({ at: '2026-11-22T09:01:00.000Z', reasonCode: 'billing.payment' }),
    ]);
    expect(ownId.reasonCodes[0]).toBe('billing.payment');
  });

  it('leaves out proactive calls: the customer did not call about anything', () => {
    const before = readCallExamples(database.sqlite).length;
    saveWrapUp({
      customerId: 'c1',
      contactType: 'proactive',
      outreachOutcome: 'reached',
      startedAt: '2026-11-23T05:00:00.000Z',
      endedAt: '2026-11-23T05:02:00.000Z',
      savedAt: '2026-11-23T05:03:00.000Z',
    });
    expect(readCallExamples(database.sqlite).length).toBe(before);
  });
});
