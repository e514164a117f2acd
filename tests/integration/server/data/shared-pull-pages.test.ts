import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPullPages } from '../../../../server/src/data/shared-pull-pages';
import { customerRecord } from '../../../fixtures/retailer-records';
import { DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import {
  call,
  openEventStream,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * After a batch every desk asks for the same page: it is read and gzipped once per process.
 * What must hold: a page is never served past a change (the head of the change log is part of
 * what it is shared under), the gzipped body is the same page, and a failed read is not kept.
 */
describe('a pull page shared by the desks that ask for it', () => {
  it('is read once for concurrent askers, and read again after a failure', async () => {
    const pages = sharedPullPages();
    let reads = 0;
    const read = async () => {
      reads++;
      return { json: '{"records":[]}', cursor: '1', hasMore: false };
    };
    const [a, b] = await Promise.all([pages.page('k', read), pages.page('k', read)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    expect(pages.gzipped(a)).toBe(pages.gzipped(b));

    await expect(pages.page('bad', () => Promise.reject(new Error('down')))).rejects.toThrow();
    expect(await pages.page('bad', read)).toMatchObject({ cursor: '1' });
    expect(reads).toBe(2);
  });

  it('keeps at most its bound of bytes, the least recently used page going first', async () => {
    // Pages of 10 characters (20 bytes as a string): two fit in 40 bytes, not three.
    const pages = sharedPullPages({ maxBytes: 40 });
    let reads = 0;
    const read = async () => ({
      json: `page-${String(++reads).padStart(5, '0')}`,
      cursor: '1',
      hasMore: false,
    });
    await pages.page('a', read);
    await pages.page('b', read);
    // 'a' asked again: now 'b' is the least recently used.
    expect((await pages.page('a', read)).json).toBe('page-00001');
    await pages.page('c', read);
    expect(reads).toBe(3);
    expect((await pages.page('a', read)).json).toBe('page-00001');
    expect((await pages.page('c', read)).json).toBe('page-00003');
    expect((await pages.page('b', read)).json).toBe('page-00004');

    // A page larger than the whole bound is answered, and read again next time.
    const big = async () => ({ json: 'x'.repeat(100), cursor: '2', hasMore: false });
    expect((await pages.page('big', big)).json).toHaveLength(100);
    let bigReads = 0;
    await pages.page('big', async () => (bigReads++, big()));
    expect(bigReads).toBe(1);
  });

  /**
   * Everything that shapes a page's bytes is part of what it is shared under: a page is never
   * served to another retailer, past a change, across a retention change, and the checks of who
   * asks (a revoked desk) run before the shared page is looked up.
   */
  describeEachDatabase('within one scope only ($name)', ({ postgres }) => {
    let server: TestServer;
    const tokens: Record<string, string> = {};
    const DESK = 'desk-shared-page';
    beforeAll(async () => {
      server = await startTestServer({ postgres, webhooks: false });
      for (const t of ['a', 'b']) {
        tokens[`admin-${t}`] = await signIn(server.url, `admin@retailer-${t}.example`);
        tokens[t] = await signIn(server.url, `agent@retailer-${t}-center-x.example`);
      }
      const desk = await call(
        server.url,
        null,
        'POST',
        '/v1/auth/sign-in',
        {
          email: 'agent@retailer-a-center-x.example',
          password: PASSWORD,
        },
        { [DESK_ID_HEADER]: DESK },
      );
      tokens.desk = (desk.json as { accessToken: string }).accessToken;
    });
    afterAll(() => server?.close());

    const batch = async (who: string, body: unknown) => {
      const answer = await call(server.url, tokens[who]!, 'POST', '/v1/data/batch', body);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      return Number((answer.json as { cursor: string }).cursor);
    };
    const pull = async (who: string, query: string, headers: Record<string, string> = {}) => {
      const answer = await call(
        server.url,
        tokens[who]!,
        'GET',
        `/v1/sync/pull?${query}`,
        undefined,
        headers,
      );
      return {
        status: answer.status,
        json: answer.json as Record<string, unknown>,
        text: JSON.stringify(answer.json),
      };
    };

    it("never serves one retailer's page to another at the same cursor", async () => {
      const a = await batch('admin-a', {
        records: [customerRecord({ id: 'only-a', givenName: '甲' })],
      });
      const b = await batch('admin-b', {
        records: [customerRecord({ id: 'only-b', givenName: '乙' })],
      });
      // Fresh tenants: both stand at the same cursor, so both ask the same query.
      expect(a).toBe(b);
      // Asked by retailer-wide users (no center), so only the retailer tells the pages apart.
      const pageA = await pull('admin-a', `since=0&until=${a}`);
      const pageB = await pull('admin-b', `since=0&until=${b}`);
      expect(pageA.text).toContain('only-a');
      expect(pageB.text).toContain('only-b');
      expect(pageB.text).not.toContain('only-a');
    });

    it('answers a deletion made since a page was shared, and the retention set since', async () => {
      const before = await pull('a', 'since=0');
      expect(before.text).toContain('only-a');
      const deleted = await batch('admin-a', { deletions: [{ type: 'customer', id: 'only-a' }] });
      // The same first pull: the deleted customer is gone (its page is shared under the head).
      expect((await pull('a', 'since=0')).text).not.toContain('only-a');
      // A desk past the record hears the deletion (a tombstone).
      const after = await pull('a', `since=${deleted - 1}&until=${deleted}`);
      expect(after.json.deletions).toEqual([{ type: 'customer', id: 'only-a' }]);

      const retention = await call(server.url, tokens['admin-a']!, 'PUT', '/v1/admin/retention', {
        days: 30,
      });
      expect(retention.status).toBe(200);
      const retained = await pull('a', `since=${deleted - 1}&until=${deleted}`);
      expect(retained.json.purgeBefore).toBe(
        new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      );
    });

    it('refuses a revoked desk the page it was served a moment ago', async () => {
      const headers = { [DESK_ID_HEADER]: DESK };
      expect((await pull('desk', 'since=0&limit=7', headers)).status).toBe(200);
      const revoked = await call(
        server.url,
        tokens['admin-a']!,
        'POST',
        `/v1/devices/${DESK}/revoke`,
      );
      expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);
      const refused = await pull('desk', 'since=0&limit=7', headers);
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ error: { code: 'device_revoked' } });
      // The same page still goes to the desks that may have it.
      expect((await pull('a', 'since=0&limit=7')).status).toBe(200);
    });
  });

  describeEachDatabase('on a real server ($name)', ({ postgres }) => {
    let server: TestServer;
    let admin: string;
    let agent: string;
    beforeAll(async () => {
      server = await startTestServer({ postgres, webhooks: false });
      admin = await signIn(server.url, 'admin@retailer-a.example');
      agent = await signIn(server.url, 'agent@retailer-a-center-x.example');
    });
    afterAll(() => server?.close());

    const pull = (since: number, gzip: boolean) =>
      new Promise<{ encoding: string | undefined; json: { records: unknown[] } }>(
        (resolve, reject) => {
          const url = new URL(`${server.url}/v1/sync/pull?since=${since}&limit=50`);
          const req = request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname + url.search,
              headers: {
                authorization: `Bearer ${agent}`,
                'accept-encoding': gzip ? 'gzip' : 'identity',
              },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const body = Buffer.concat(chunks);
                const encoding = res.headers['content-encoding'];
                const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
                resolve({ encoding, json: JSON.parse(text) as { records: unknown[] } });
              });
            },
          );
          req.on('error', reject);
          req.end();
        },
      );

    it('serves the new rows to the next pull after a batch, gzipped or not', async () => {
      const push = (n: number, name: string) =>
        call(server.url, admin, 'POST', '/v1/data/batch', {
          records: Array.from({ length: n }, (_, i) =>
            customerRecord({
              id: `shared-${i}`,
              givenName: name,
              updatedAt: new Date(Date.now() + n).toISOString(),
            }),
          ),
        });
      expect((await push(20, '一')).status).toBe(200);
      const first = await pull(0, true);
      expect(first.encoding).toBe('gzip');
      expect(first.json).toEqual((await pull(0, false)).json);
      expect(JSON.stringify(first.json)).toContain('"givenName":"一"');

      // The same pull after a change: the new names, not the page shared a moment ago.
      expect((await push(21, '二')).status).toBe(200);
      const second = await pull(0, true);
      expect(JSON.stringify(second.json)).toContain('"givenName":"二"');
      expect(JSON.stringify(second.json)).not.toContain('"givenName":"一"');
    });

    const batch = async (ids: string[], name: string) => {
      const answer = await call(server.url, admin, 'POST', '/v1/data/batch', {
        records: ids.map((id) =>
          customerRecord({ id, givenName: name, updatedAt: new Date().toISOString() }),
        ),
      });
      expect(answer.status).toBe(200);
      return Number((answer.json as { cursor: string }).cursor);
    };
    const pullUntil = async (since: number, until: number, limit = 50) => {
      const answer = await call(
        server.url,
        agent,
        'GET',
        `/v1/sync/pull?since=${since}&until=${until}&limit=${limit}`,
      );
      expect(answer.status).toBe(200);
      const page = answer.json as { cursor: string; hasMore: boolean; records: unknown[] };
      return { ...page, ids: page.records.map((r) => (r as { data: { id: string } }).data.id) };
    };

    it("stops at a notice's cursor, and ends there once nothing up to it is left", async () => {
      const start = await batch(['until-0'], '前');
      const first = await batch(['until-1', 'until-2', 'until-3'], '一');
      const second = await batch(['until-4', 'until-5'], '二');
      // Up to the first batch's cursor only, though the second is in.
      const page = await pullUntil(start, first);
      expect(page.ids).toEqual(['until-1', 'until-2', 'until-3']);
      expect(page).toMatchObject({ cursor: String(first), hasMore: false });
      // In pages, the last one ending at the cursor asked for.
      const part = await pullUntil(start, first, 2);
      expect(part).toMatchObject({ ids: ['until-1', 'until-2'], hasMore: true });
      expect(await pullUntil(Number(part.cursor), first, 2)).toMatchObject({
        ids: ['until-3'],
        cursor: String(first),
        hasMore: false,
      });
      // A row of the first batch changed since moved past its cursor: the page still ends at
      // that cursor (every desk told of it stands there), and the row comes with the next.
      // (Read afresh at another size: the page shared a moment ago is a snapshot that stays
      // right, the desks that take it get the row's new version at the next notice.)
      const third = await batch(['until-2'], '三');
      const moved = await pullUntil(start, first, 49);
      expect(moved).toMatchObject({ ids: ['until-1', 'until-3'], cursor: String(first) });
      expect((await pullUntil(first, third)).ids).toEqual(['until-4', 'until-5', 'until-2']);
      expect(second).toBeLessThan(third);
      // Past the latest change it counts as the latest: no cursor from the future.
      expect((await pullUntil(third, third + 1_000)).cursor).toBe(String(third));
    });

    it('announces the last of back-to-back batches to an open stream', async () => {
      const stream = await openEventStream(server.url, agent);
      await stream.until(': connected');
      let last = 0;
      for (let i = 0; i < 5; i++) last = await batch([`burst-${i}`], `${i}`);
      // The event that carries the last batch's cursor (the trailing notice), however the
      // batches fell into the coalescing intervals.
      const cursors: number[] = [];
      while (!cursors.includes(last)) {
        const text = await stream.more();
        for (const m of text.matchAll(/event: changes\ndata: (\{.*\})/g))
          cursors.push(Number((JSON.parse(m[1]!) as { cursor: string }).cursor));
      }
      stream.close();
      expect(Math.max(...cursors)).toBe(last);
    });
  });
});
