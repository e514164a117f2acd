import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPullPages } from '../../../../server/src/data/shared-pull-pages';
import { customerRecord } from '../../../fixtures/retailer-records';
import {
  call,
  openEventStream,
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

  it('keeps at most its bound of pages', async () => {
    const pages = sharedPullPages({ maxPages: 2 });
    let reads = 0;
    const read = async () => ({ json: String(++reads), cursor: '1', hasMore: false });
    await pages.page('a', read);
    await pages.page('b', read);
    await pages.page('c', read);
    // 'a' was the oldest and went; 'c' is kept.
    expect((await pages.page('a', read)).json).toBe('4');
    expect((await pages.page('c', read)).json).toBe('3');
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
