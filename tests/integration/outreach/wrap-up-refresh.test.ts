import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import {
  candidatesOfCustomer,
  noteEveryOpenCustomer,
  refreshPendingOutreachOf,
} from '../../../src/main/core/outreach/outreach-table';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import { vocFor } from '../../fixtures/retailer-records';

/**
 * A wrap-up saved while the desk is still working off a long outreach note (every customer with an
 * open parcel, after a bootstrap) has its own caller's rows recomputed just after its durable
 * commit (`refreshPendingOutreachOf`, as the wrap-up service calls it) and leaves the rest of the
 * note to the slices: before, it recomputed the whole note (tens of thousands of customers at 1M,
 * about a minute) while the agent waited on Save.
 */
let dir: string;
let database: LocalDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-wrapup-refresh-'));
  database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  const writer = createRecordWriter(database.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo', customers: 300 })) writer.apply(batch);
});

afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const pending = () =>
  (
    database.sqlite.prepare('select customer_id from outreach_pending').all() as {
      customer_id: string;
    }[]
  ).map((r) => r.customer_id);

const rowsOf = (customerId: string) =>
  (
    database.sqlite
      .prepare('select shipment_id from outreach_candidates where customer_id = ? order by 1')
      .all(customerId) as { shipment_id: string }[]
  ).map((r) => r.shipment_id);

it("refreshes the saved call's customer only, leaving the rest of a long note to the slices", () => {
  const sqlite = database.sqlite;
  // The whole note again, as after a bootstrap (the rows go until the slices fill them).
  noteEveryOpenCustomer(sqlite);
  const noted = pending();
  expect(noted.length).toBeGreaterThan(10);
  const caller = noted[0]!;

  createVocRecordSaver(sqlite)(
    vocFor('agent-1', 'center-1', {
      customerId: caller,
      reasonCodes: ['outreach.delay'],
      contactType: 'proactive',
      outreachOutcome: 'no_answer',
    }),
  );
  // The durable commit held the record, not the list's rows: the caller is still noted.
  expect(pending()).toContain(caller);
  refreshPendingOutreachOf(sqlite, caller);

  expect(pending().sort()).toEqual(noted.filter((id) => id !== caller).sort());
  const expected = candidatesOfCustomer(sqlite, caller).map((c) => c.shipment.id);
  expect(expected.length).toBeGreaterThan(0);
  expect(rowsOf(caller)).toEqual(expected.sort());
  expect(sqlite.prepare('select count(*) as n from outreach_candidates').get()).toEqual({
    n: expected.length,
  });
});
