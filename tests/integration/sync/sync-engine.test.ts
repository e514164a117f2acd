import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { BOOTSTRAP_PAGE_SIZE, pullChanges } from '../../../src/main/core/sync/pull-changes';
import { pushOutbox } from '../../../src/main/core/sync/push-outbox';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import {
  customerRecord,
  orderRecord,
  shipmentRecord,
  vocFor,
} from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { pullProgress } from '../../../src/shared/sync-status';
import { signedInApi } from '../../fixtures/sync-client';

describe('client sync against the real server', () => {
  let server: TestServer;
  let local: LocalDatabase;
  let admin: string;

  beforeEach(async () => {
    server = await startTestServer();
    local = await openDatabase({ filename: ':memory:' });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    const records = [];
    for (let i = 0; i < 250; i++) {
      records.push(
        customerRecord({
          id: `c${i}`,
          phones: [{ number: `090-1000-${String(i).padStart(4, '0')}`, kind: 'mobile' }],
        }),
      );
      records.push(orderRecord({ id: `o${i}`, customerId: `c${i}` }));
      records.push(shipmentRecord({ id: `s${i}`, orderId: `o${i}` }));
    }
    await call(server.url, admin, 'POST', '/v1/data/batch', { records });
  });
  afterEach(async () => {
    await local.close();
    await server.close();
  });

  it('bootstraps in pages, rebuilds the deferred indexes, then applies deltas including deletions', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const first = await pullChanges(local.sqlite, api, { pageSize: 100 });
    expect(first).toMatchObject({ bootstrap: true, records: 750, pages: 8 });
    expect(local.sqlite.prepare('select count(*) n from customers').get()).toEqual({ n: 250 });
    const indexes = local.sqlite
      .prepare(
        `select name from sqlite_master where type = 'index' and name = 'customers_by_family_name'`,
      )
      .all();
    expect(indexes).toHaveLength(1);

    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'c1', familyName: '高橋', updatedAt: '2026-11-22T00:00:00.000Z' }),
      ],
      deletions: [{ type: 'customer', id: 'c2' }],
    });
    const second = await pullChanges(local.sqlite, api, { pageSize: 100 });
    expect(second).toMatchObject({ bootstrap: false, records: 1, deletions: 1 });
    expect(local.sqlite.prepare(`select family_name from customers where id = 'c1'`).get()).toEqual(
      { family_name: '高橋' },
    );
    expect(local.sqlite.prepare(`select count(*) n from customers where id = 'c2'`).get()).toEqual({
      n: 0,
    });
    expect(
      local.sqlite.prepare(`select count(*) n from orders where customer_id = 'c2'`).get(),
    ).toEqual({ n: 0 });
  });

  it('commits each page of a bootstrap and of the pulls after it in a transaction of its own, with its cursor', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const cursorNow = () =>
      (
        local.sqlite.prepare(`select value from sync_state where key = 'cursor'`).get() as
          { value: string } | undefined
      )?.value;
    // The stored cursor as each transaction committed, and each page's as it was reported.
    const commits: (string | undefined)[] = [];
    const pages: string[] = [];
    const options = {
      pageSize: 100,
      onCommit: () => commits.push(cursorNow()),
      onPage: (page: { cursor: string }) => pages.push(page.cursor),
    };
    expect(await pullChanges(local.sqlite, api, options)).toMatchObject({
      bootstrap: true,
      records: 750,
      pages: 8,
    });
    expect(commits).toEqual(pages);
    expect(new Set(pages).size).toBe(8);

    const updates = Array.from({ length: 250 }, (_, i) =>
      customerRecord({ id: `c${i}`, familyName: '高橋', updatedAt: '2026-11-22T00:00:00.000Z' }),
    );
    await call(server.url, admin, 'POST', '/v1/data/batch', { records: updates });
    commits.length = 0;
    pages.length = 0;
    expect(await pullChanges(local.sqlite, api, options)).toMatchObject({
      bootstrap: false,
      records: 250,
      pages: 3,
    });
    expect(commits).toEqual(pages);
  });

  it('asks for larger pages in a bootstrap than in the pulls after it', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const asked: (number | undefined)[] = [];
    const counting = {
      ...api,
      openPull: (since: string, limit?: number, until?: string) => {
        asked.push(limit);
        return api.openPull(since, limit, until);
      },
    };
    expect(await pullChanges(local.sqlite, counting)).toMatchObject({ bootstrap: true });
    expect(asked).toEqual([BOOTSTRAP_PAGE_SIZE]);
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'c1', updatedAt: '2026-11-22T00:00:00.000Z' })],
    });
    asked.length = 0;
    expect(await pullChanges(local.sqlite, counting)).toMatchObject({ bootstrap: false });
    // The server's default page size.
    expect(asked).toEqual([undefined]);
  });

  it('announces the pull’s size in every page, so a bootstrap shows how far it is', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const seen: { cursor: number; head: number }[] = [];
    const result = await pullChanges(local.sqlite, api, {
      pageSize: 100,
      onPage: (page) => seen.push({ cursor: Number(page.cursor), head: Number(page.headCursor) }),
    });
    expect(seen).toHaveLength(8);
    // Every page names the same head: where the last page ends.
    expect(new Set(seen.map((p) => p.head))).toEqual(new Set([Number(result.cursor)]));
    const startedAt = new Date(Date.now() - 10_000).toISOString();
    const fractions = seen.map(
      (p) =>
        pullProgress({ fromCursor: 0, cursor: p.cursor, headCursor: p.head, startedAt }, Date.now())
          ?.fraction ?? -1,
    );
    expect(fractions.every((f, i) => f > 0 && f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('purges customer history older than the retention window', async () => {
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        orderRecord({
          id: 'old',
          customerId: 'c1',
          orderNumber: 'KO-OLD',
          placedAt: '2020-01-01T00:00:00.000Z',
        }),
      ],
    });
    await call(server.url, admin, 'PUT', '/v1/admin/retention', { days: 365 });
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    await pullChanges(local.sqlite, api);
    expect(local.sqlite.prepare(`select count(*) n from orders where id = 'old'`).get()).toEqual({
      n: 0,
    });
    expect(local.sqlite.prepare(`select count(*) n from orders`).get()).toEqual({ n: 250 });
  });

  it('pushes saved wrap-ups exactly once and quarantines what the server refuses', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const save = createVocRecordSaver(local.sqlite);
    const mine = [1, 2, 3].map(() => vocFor('retailer-a-center-x-agent', 'retailer-a-center-x'));
    const notMine = vocFor('retailer-a-center-y-agent', 'retailer-a-center-y');
    for (const r of [...mine, notMine]) save(r);
    const result = await pushOutbox(local.sqlite, api);
    expect(result).toMatchObject({ sent: 3, quarantined: 1 });
    const quarantined = local.sqlite
      .prepare(`select entity_id, last_error from outbox where state = 'quarantined'`)
      .all();
    expect(quarantined).toEqual([
      {
        entity_id: notMine.id,
        last_error: expect.stringMatching(/only save VoC records as itself/),
      },
    ]);
    // Nothing pending: a second push sends nothing more.
    expect(await pushOutbox(local.sqlite, api)).toMatchObject({ sent: 0 });
    const supervisor = await signIn(server.url, 'supervisor@retailer-a-center-x.example');
    const onServer = (await call(server.url, supervisor, 'GET', '/v1/voc')).json as {
      records: { id: string }[];
    };
    expect(onServer.records.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
  });
});
