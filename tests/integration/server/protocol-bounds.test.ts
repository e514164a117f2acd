import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../fixtures/test-server';

/**
 * Every string and array a client can send has a maximum, and the API document says it: a 15 MB
 * family name once went to every desk. Walks /openapi.json (generated from the same zod schemas
 * that validate requests) and lists every unbounded string and array of a request body or query.
 */

type Schema = Record<string, unknown>;

/** Paths inside `schema` to strings without maxLength and arrays without maxItems. */
function unbounded(schema: unknown, path: string, found: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Schema;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('string') && s.maxLength === undefined && !s.enum && s.const === undefined)
    found.push(`${path} (string)`);
  if (types.includes('array') && s.maxItems === undefined) found.push(`${path} (array)`);
  for (const [key, value] of Object.entries(s.properties ?? {}))
    unbounded(value, `${path}.${key}`, found);
  if (s.items) unbounded(s.items, `${path}[]`, found);
  if (s.additionalProperties) unbounded(s.additionalProperties, `${path}{}`, found);
  if (s.propertyNames) unbounded(s.propertyNames, `${path}{key}`, found);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    ((s[key] as unknown[] | undefined) ?? []).forEach((v, i) =>
      unbounded(v, `${path}<${key}${i}>`, found),
    );
}

describe('protocol bounds', () => {
  let server: TestServer;
  let document: { paths: Record<string, Record<string, Schema>> };
  beforeAll(async () => {
    server = await startTestServer({ webhooks: false });
    document = (await call(server.url, null, 'GET', '/openapi.json')).json as typeof document;
  });
  afterAll(() => server?.close());

  it('gives every string and array of every request a maximum in the API document', () => {
    const found: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        const body = (operation.requestBody as Schema | undefined)?.content as
          Record<string, { schema?: unknown }> | undefined;
        unbounded(body?.['application/json']?.schema, `${where} body`, found);
        for (const p of (operation.parameters as Schema[] | undefined) ?? [])
          unbounded(p.schema, `${where} ${String(p.in)} ${String(p.name)}`, found);
      }
    }
    expect(found).toEqual([]);
  });

  it('names every operation once, declares every path parameter and names its servers', () => {
    const doc = document as typeof document & { servers?: { url: string }[] };
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids: string[] = [];
    const undeclared: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        ids.push(String(operation.operationId));
        const declared = new Set(
          ((operation.parameters as Schema[] | undefined) ?? [])
            .filter((p) => p.in === 'path' && p.required === true)
            .map((p) => String(p.name)),
        );
        for (const [, name] of path.matchAll(/\{(\w+)\}/g))
          if (!declared.has(name!)) undeclared.push(`${method} ${path} {${name}}`);
      }
    }
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(undeclared).toEqual([]);
  });

  it('refuses a field past its maximum with a clear error and takes one at it', async () => {
    const admin = await signIn(server.url, 'admin@retailer-a.example');
    const agent = await signIn(server.url, 'agent@retailer-a-center-x.example');
    const push = (familyName: string) =>
      call(server.url, admin, 'POST', '/v1/data/batch', {
        records: [customerRecord({ id: 'long', familyName })],
      });
    const tooLong = await push('佐'.repeat(5_000_000));
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.json)).toContain('body.records.0.data.familyName');
    expect((await push('佐'.repeat(100))).status).toBe(200);

    const voc = (predictedReason: string, scriptId: string) =>
      call(server.url, agent, 'POST', '/v1/voc/batch', {
        records: [
          vocFor('retailer-a-center-x-agent', 'retailer-a-center-x', { predictedReason, scriptId }),
        ],
      });
    expect((await voc('x'.repeat(100_000), 'late')).status).toBe(400);
    expect((await voc('delivery.late', 'x'.repeat(100_000))).status).toBe(400);
    expect((await voc('x'.repeat(64), 'x'.repeat(64))).status).toBe(200);
  });
});
