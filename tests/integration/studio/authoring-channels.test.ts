import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioClient } from '../../../src/main/core/studio/studio-client';
import { createStudioServices } from '../../../src/main/core/studio/studio-services';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { ipcHandlers, type IpcChannel, type SignedInAgent } from '../../../src/shared/ipc';
import type { Session } from '../../../src/shared/protocol/auth';
import {
  authoringActions,
  authoringKinds,
  type AuthoringContent,
  type AuthoringKindName,
} from '../../../src/shared/protocol/authoring-kinds';
import { PASSWORD, startTestServer, type TestServer } from '../../fixtures/test-server';

/**
 * The desk's one authoring stack, driven for every kind through the same channels: the contract
 * validates the input, the core forwards it to the reference server, the server's answer comes
 * back through the kind's schema.
 */

const X = 'retailer-a-center-x';

const CONTENT: { [K in AuthoringKindName]: (text: string) => AuthoringContent<K> } = {
  script: (text) => ({
    title: { ja: '返品の確認' },
    audience: { languages: ['ja'], centers: [] },
    triggers: { reasons: ['returns.status'], tiers: [] },
    steps: [{ id: 'greet', compliance: false, text: { ja: text }, branches: [] }],
  }),
  answer: (text) => ({
    title: { ja: '返品期限' },
    body: { ja: text },
    tags: { ja: ['返品'] },
    audience: { languages: ['ja'], centers: [] },
  }),
};

const person = (role: SignedInAgent['role']): SignedInAgent => ({
  id: role,
  displayName: role,
  centerId: X,
  role,
  retailerName: null,
});

describe('studio channels of every kind, from the contract to the reference server', () => {
  let server: TestServer;
  const kept = { session: null as Session | null };
  const sessions = {
    load: () => kept.session,
    save: (s: Session) => void (kept.session = s),
    clear: () => void (kept.session = null),
  };
  beforeAll(async () => {
    server = await startTestServer();
    await createRetailerApi({ baseUrl: server.url, sessions }).signIn(
      `trainer@${X}.example`,
      PASSWORD,
    );
  });
  afterAll(() => server.close());

  /** One channel as main runs it: the contract's schema first, then the studio's service. */
  function channelsAs(role: SignedInAgent['role']) {
    const client = createStudioClient({ baseUrl: server.url, sessions, requestRefresh: () => {} });
    const services = createStudioServices({ client, agent: () => person(role) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read by field, whatever the kind
    return async (channel: string, input: object): Promise<any> => {
      const parsed: unknown = ipcHandlers[channel as IpcChannel].input.parse(input);
      return (services as Record<string, (input: unknown) => unknown>)[channel]!(parsed);
    };
  }

  it.each(Object.keys(authoringKinds) as AuthoringKindName[])(
    '%s: drafts, publishes twice, lists, reads a version and rolls back',
    async (kind) => {
      const { channels, idKey } = authoringKinds[kind];
      const call = channelsAs('trainer');
      const id = `desk-${kind}`;
      const named = (rest: object) => ({ [idKey]: id, ...rest });

      await call(`${channels}:saveDraft`, named({ content: CONTENT[kind]('一') }));
      expect((await call(`${channels}:get`, named({}))).draft.content).toEqual(CONTENT[kind]('一'));
      const first = await call(
        `${channels}:publish`,
        named({ content: CONTENT[kind]('一'), releaseNotes: 'v1' }),
      );
      const second = await call(
        `${channels}:publish`,
        named({ content: CONTENT[kind]('二'), releaseNotes: 'v2' }),
      );
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(first[idKey]).toBe(id);

      const list = await call(`${channels}:list`, {});
      const items = (list.scripts ?? list.answers) as { version: number | null }[];
      expect(items.find((i) => (i as Record<string, unknown>)[idKey] === id)?.version).toBe(2);

      const v1 = await call(`${channels}:version`, named({ version: 1 }));
      expect(v1.content).toEqual(CONTENT[kind]('一'));
      const rolled = await call(
        `${channels}:rollback`,
        named({ version: 1, releaseNotes: 'back' }),
      );
      expect(rolled.version).toBe(3);
      const detail = await call(`${channels}:get`, named({}));
      expect(detail.published).toEqual({ version: 3, content: CONTENT[kind]('一') });
      expect(detail.versions[0]).toMatchObject({ version: 3, rollbackOf: 1 });
    },
  );

  it('refuses every channel of every kind to an agent, and input the kind does not take', async () => {
    const call = channelsAs('agent');
    for (const kind of Object.keys(authoringKinds) as AuthoringKindName[]) {
      const { channels, idKey } = authoringKinds[kind];
      const content = CONTENT[kind]('x');
      const inputs = {
        list: {},
        get: { [idKey]: 'x' },
        version: { [idKey]: 'x', version: 1 },
        saveDraft: { [idKey]: 'x', content },
        publish: { [idKey]: 'x', content, releaseNotes: 'x' },
        rollback: { [idKey]: 'x', version: 1, releaseNotes: 'x' },
      };
      for (const action of authoringActions) {
        await expect(call(`${channels}:${action}`, inputs[action])).rejects.toMatchObject({
          code: 'forbidden',
        });
      }
      // An answer's id field on a script channel (or the other way round) is refused.
      const other = idKey === 'scriptId' ? 'answerId' : 'scriptId';
      expect(() =>
        ipcHandlers[`${channels}:get` as IpcChannel].input.parse({ [other]: 'x' }),
      ).toThrow();
    }
  });
});
