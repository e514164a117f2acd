import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';

/**
 * One rule for every route that reads VoC records, checked from the server's own route list
 * (its OpenAPI document), so a VoC route added later is checked without editing this test: a
 * trainer or supervisor asking for another center is refused; a retailer admin may ask.
 */
const X = 'retailer-a-center-x';
const Y = 'retailer-a-center-y';

let server: TestServer;
let vocReads: string[];

beforeAll(async () => {
  server = await startTestServer();
  const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  vocReads = Object.entries(document.paths)
    .filter(([path, methods]) => /^\/v1\/(voc|insights)\b/.test(path) && 'get' in methods)
    .map(([path]) => path);
});
afterAll(async () => {
  await server?.close();
});

describe('the one rule for reading VoC', () => {
  it('covers the stats, the export, the insights, the customers’ words and the record list', () => {
    expect(vocReads).toEqual(
      expect.arrayContaining([
        '/v1/voc',
        '/v1/voc/stats',
        '/v1/voc/export',
        '/v1/insights',
        '/v1/insights/words',
      ]),
    );
  });

  it.each(['trainer', 'supervisor'])(
    'refuses a %s of one center every VoC route for another center',
    async (role) => {
      const token = await signIn(server.url, `${role}@${X}.example`);
      for (const path of vocReads) {
        const other = await call(server.url, token, 'GET', `${path}?centerId=${Y}`);
        expect(other.status, `${role} ${path}?centerId=${Y}`).toBe(403);
        const own = await call(server.url, token, 'GET', `${path}?centerId=${X}`);
        expect(own.status, `${role} ${path}?centerId=${X}`).toBe(200);
      }
    },
  );

  it('lets the retailer admin read any center of its own retailer', async () => {
    const token = await signIn(server.url, 'admin@retailer-a.example');
    for (const path of vocReads) {
      const reply = await call(server.url, token, 'GET', `${path}?centerId=${Y}`);
      expect(reply.status, path).toBe(200);
    }
  });
});
