import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../../scripts/openapi-types';
import type { paths } from '../../fixtures/retailer-api.generated';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';
import { PASSWORD, startTestServer, type TestServer } from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * A retailer's own tools, built the way they would be: TypeScript types generated from the
 * served /openapi.json by openapi-typescript (checked in, kept equal to the document here), and
 * openapi-fetch calling a real server on loopback with them. Signing in, pushing a data batch and
 * exporting VoC must work through nothing but what the document says.
 */
describeEachDatabase('a client generated from the API document ($name)', ({ postgres }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
  });
  afterAll(() => server?.close());

  it('has types equal to what the served document generates (npm run openapi:types)', async () => {
    const document: unknown = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(await apiTypesSource(document)).toBe(readFileSync(API_TYPES_FILE, 'utf8'));
  });

  it('signs in, pushes a data batch and a VoC record, and exports VoC', async () => {
    const api = createClient<paths>({ baseUrl: server.url });
    const signIn = async (email: string) => {
      const { data, error } = await api.POST('/v1/auth/sign-in', {
        body: { email, password: PASSWORD },
      });
      expect(error).toBeUndefined();
      return { headers: { authorization: `Bearer ${data!.accessToken}` } };
    };
    const admin = await signIn('admin@retailer-a.example');
    const agent = await signIn('agent@retailer-a-center-x.example');

    const batch = await api.POST('/v1/data/batch', {
      ...admin,
      body: { records: [customerRecord({ id: 'typed-client-1' })] },
    });
    expect(batch.error).toBeUndefined();
    expect(batch.data?.applied).toBe(1);

    const voc = vocFor('retailer-a-center-x-agent', 'retailer-a-center-x', {
      customerId: 'typed-client-1',
    });
    const pushed = await api.POST('/v1/voc/batch', { ...agent, body: { records: [voc] } });
    expect(pushed.error).toBeUndefined();
    expect(pushed.data?.results).toEqual([expect.objectContaining({ id: voc.id })]);

    const exported = await api.GET('/v1/voc/export', {
      ...admin,
      params: { query: { format: 'ndjson' } },
      parseAs: 'text',
    });
    expect(exported.response.status).toBe(200);
    const rows = (exported.data as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; customerId: string });
    expect(rows).toEqual([expect.objectContaining({ id: voc.id, customerId: 'typed-client-1' })]);
  });
});
