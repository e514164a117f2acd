import { afterAll, beforeAll, expect, it } from 'vitest';
import { pullPage, type PullPage } from '../../../../src/shared/protocol/sync';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * A desk is sent only what its center may see: an approved answer or a script published to some
 * centers only reaches those centers' desks; re-scoped away from a center, it leaves that
 * center's desks at their next pull. Checked on what the retailer API sends, not on the desk's
 * own filter (which stays as a second line).
 */
const X = 'retailer-a-center-x';
const Y = 'retailer-a-center-y';
const answer = (id: string, version: number, centers: string[] | undefined) => ({
  type: 'knowledge_answer',
  data: {
    id,
    version,
    language: 'ja',
    title: `回答 ${id}`,
    body: '本文',
    tags: [],
    publishedAt: `2026-12-06T0${version}:00:00.000Z`,
    ...(centers ? { centers } : {}),
  },
});
const script = (scriptId: string, centers: string[]) => ({
  type: 'script_version',
  data: {
    scriptId,
    version: 1,
    language: 'ja',
    title: 'センター限定',
    triggers: { reasons: [], tiers: [], centers },
    steps: [{ id: 's1', kind: 'say', text: 'こんにちは' }],
    releaseNotes: '',
    publishedAt: '2026-12-06T01:00:00.000Z',
  },
});

describeEachDatabase('pulls scoped to the desk’s center ($name)', ({ postgres }) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    tokens.admin = await signIn(server.url, 'admin@retailer-a.example');
    tokens.x = await signIn(server.url, `agent@${X}.example`);
    tokens.y = await signIn(server.url, `agent@${Y}.example`);
  });
  afterAll(async () => {
    await server?.close();
  });

  const batch = async (records: unknown[]) => {
    const reply = await call(server.url, tokens.admin!, 'POST', '/v1/data/batch', {
      records,
      deletions: [],
    });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  };
  const pull = async (who: string, since = '0'): Promise<PullPage> =>
    pullPage.parse(
      (await call(server.url, tokens[who]!, 'GET', `/v1/sync/pull?since=${since}`)).json,
    );
  const ids = (page: PullPage, type: string) =>
    page.records.flatMap((r) =>
      r.type === type
        ? [
            (r.data as { id?: string; scriptId?: string }).id ??
              (r.data as { scriptId: string }).scriptId,
          ]
        : [],
    );

  it('sends an answer or a script published to one center only to that center’s desks', async () => {
    await batch([answer('kb-all', 1, undefined), answer('kb-y', 1, [Y]), script('sc-y', [Y])]);
    const x = await pull('x');
    const y = await pull('y');
    const admin = await pull('admin');
    expect(ids(x, 'knowledge_answer')).toEqual(['kb-all']);
    expect(ids(x, 'script_version')).toEqual([]);
    // A first pull carries no deletions for what the desk never had.
    expect(x.deletions).toEqual([]);
    expect(ids(y, 'knowledge_answer').sort()).toEqual(['kb-all', 'kb-y']);
    expect(ids(y, 'script_version')).toEqual(['sc-y']);
    expect(ids(admin, 'knowledge_answer').sort()).toEqual(['kb-all', 'kb-y']);
  });

  it('takes an answer re-scoped away from a center off that center’s desks at the next pull', async () => {
    const before = await pull('y');
    await batch([answer('kb-y', 2, [X])]);
    const next = await pull('y', before.cursor);
    expect(ids(next, 'knowledge_answer')).toEqual([]);
    expect(next.deletions).toContainEqual({ type: 'knowledge_answer', id: 'kb-y' });
    const x = await pull('x');
    expect(ids(x, 'knowledge_answer').sort()).toEqual(['kb-all', 'kb-y']);
  });
});
