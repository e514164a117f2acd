import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import { FIRST_DESK_VERSION } from '../../../src/shared/protocol/record-type-versions';
import { retailerRecord, type RetailerRecord } from '../../../src/shared/protocol/records';
import { deletion, pullPage, pulledRecordType } from '../../../src/shared/protocol/sync';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../../src/shared/protocol/update-feed';
import { customerRecord, regionClosureData } from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * A desk older than a record type refuses a page holding one (its protocol union does not know
 * the type). The real server leaves such rows out of that desk's pages and moves its cursor past
 * them; a desk of a version that knows the type receives it, and an old desk upgraded since pulls
 * again and gets what it was not sent.
 */
const AGENT = 'agent@retailer-a-center-x.example';
const KNOWS_CLOSURES = FIRST_DESK_VERSION.region_closure!;
const BEFORE_CLOSURES = '0.0.9';

const closure: RetailerRecord = {
  type: 'region_closure',
  data: regionClosureData({ id: 'closure-old-desk' }),
};

/** The page as a desk from before region closures reads it: its unions lack the type. */
const [firstKnown, ...restKnown] = retailerRecord.options.filter(
  (o) => o.shape.type.value !== 'region_closure',
);
const pageBeforeClosures = pullPage.extend({
  records: z.array(z.discriminatedUnion('type', [firstKnown!, ...restKnown])),
  deletions: z.array(deletion.extend({ type: pulledRecordType.exclude(['region_closure']) })),
});

describeEachDatabase('pages for a desk older than a record type ($name)', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  const desks: LocalDatabase[] = [];

  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    // A customer, the closure, another customer: the closure sits between two pages' rows.
    for (const records of [
      [customerRecord({ id: 'before-closure' })],
      [closure],
      [customerRecord({ id: 'after-closure' })],
    ]) {
      const response = await call(server.url, admin, 'POST', '/v1/data/batch', { records });
      expect(response.status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    for (const desk of desks) await desk.close();
    await server?.close();
  });

  const newDesk = async () => {
    const local = await openDatabase({ filename: ':memory:' });
    desks.push(local);
    return { local, id: `desk-${randomUUID()}` };
  };
  /** Pulls as a desk of `version`, one row per page (a page may hold nothing but the closure). */
  const pullAs = async (desk: { local: LocalDatabase; id: string }, version: string) => {
    const api = createRetailerApi({
      baseUrl: server.url,
      sessions: memorySessions(),
      desk: { id: desk.id, version },
    });
    await api.signIn(AGENT, PASSWORD);
    return pullChanges(desk.local.sqlite, api, { pageSize: 1 });
  };
  const held = (local: LocalDatabase) => ({
    closures: local.sqlite.prepare('select id from region_closures').pluck().all(),
    customers: local.sqlite.prepare('select id from customers order by id').pluck().all(),
  });
  const head = async () => {
    const page = await call(server.url, admin, 'GET', '/v1/sync/pull?since=0&limit=1');
    return (page.json as { headCursor: string }).headCursor;
  };

  it('an older desk pulls past the closure without it; a current one receives it', async () => {
    const old = await newDesk();
    const pulled = await pullAs(old, BEFORE_CLOSURES);
    expect(held(old.local)).toEqual({
      closures: [],
      customers: ['after-closure', 'before-closure'],
    });
    // Its cursor is at the head, past the closure's row: the next pull does not stop there.
    expect(pulled.cursor).toBe(await head());

    const current = await newDesk();
    await pullAs(current, KNOWS_CLOSURES);
    expect(held(current.local).closures).toEqual(['closure-old-desk']);
  });

  it("an older desk is not sent the closure's deletion either", async () => {
    const old = await newDesk();
    const current = await newDesk();
    await pullAs(old, BEFORE_CLOSURES);
    await pullAs(current, KNOWS_CLOSURES);
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [closure],
      deletions: [
        { type: 'region_closure', id: 'closure-old-desk', deletedAt: '2026-12-07T00:00:00.000Z' },
      ],
    });
    // The pages as the server sends them read with the older desk's unions: nothing refused.
    const since = syncStateStore(old.local.sqlite).get('cursor')!;
    const agent = await signIn(server.url, AGENT);
    for (const [version, accepted] of [
      [BEFORE_CLOSURES, true],
      [KNOWS_CLOSURES, false],
    ] as const) {
      const raw = await call(server.url, agent, 'GET', `/v1/sync/pull?since=${since}`, undefined, {
        [DESK_ID_HEADER]: old.id,
        [APP_VERSION_HEADER]: version,
      });
      expect(pageBeforeClosures.safeParse(raw.json).success, version).toBe(accepted);
    }
    const pulled = await pullAs(old, BEFORE_CLOSURES);
    expect(pulled.deletions).toBe(0);
    expect(pulled.cursor).toBe(await head());
    await pullAs(current, KNOWS_CLOSURES);
    expect(held(current.local).closures).toEqual([]);
    // Brought back for the next test.
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [{ ...closure, data: { ...closure.data, updatedAt: '2026-12-07T01:00:00.000Z' } }],
    });
  });

  it('an older desk upgraded since it pulled pulls again and gets the closure', async () => {
    const old = await newDesk();
    await pullAs(old, BEFORE_CLOSURES);
    expect(held(old.local).closures).toEqual([]);
    const state = syncStateStore(old.local.sqlite);
    expect(state.get('cursor_desk_version')).toBe(BEFORE_CLOSURES);

    const upgraded = await pullAs(old, KNOWS_CLOSURES);
    expect(held(old.local)).toEqual({
      closures: ['closure-old-desk'],
      customers: ['after-closure', 'before-closure'],
    });
    expect(upgraded.cursor).toBe(await head());
    expect(state.get('cursor_desk_version')).toBe(KNOWS_CLOSURES);
    // Once: the next pull starts from the cursor again.
    expect((await pullAs(old, KNOWS_CLOSURES)).pages).toBe(1);
    expect((await pullAs(old, KNOWS_CLOSURES)).records).toBe(0);
  });
});
