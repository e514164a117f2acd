import { afterAll, beforeAll } from 'vitest';
import type { RetailerRecord, RetailerRecordType } from '../../../../src/shared/protocol/records';
import { pullPage } from '../../../../src/shared/protocol/sync';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';

/** What the studio endpoint suites (scripts, approved answers) share. */

export const X = 'retailer-a-center-x';

/** Who the suites act as: retailer A's authors and readers, and retailer B's. */
const CAST = {
  trainer: `trainer@${X}.example`,
  agent: `agent@${X}.example`,
  supervisor: `supervisor@${X}.example`,
  admin: 'admin@retailer-a.example',
  bTrainer: 'trainer@retailer-b-center-x.example',
  bAgent: 'agent@retailer-b-center-x.example',
};

type DataOf<T extends RetailerRecordType> = Extract<RetailerRecord, { type: T }>['data'];

export interface StudioServer {
  server: TestServer;
  /** Access tokens by the cast's names. */
  tokens: Record<string, string>;
  /** A call as one of the cast. */
  as(who: string, method: string, path: string, body?: unknown): ReturnType<typeof call>;
  /** The records of one type an actor pulls from the start of the change log. */
  pulled<T extends RetailerRecordType>(who: string, type: T): Promise<DataOf<T>[]>;
}

/**
 * Registers the suite's hooks: a test server with the cast signed in, closed after the suite.
 * The fields are set once `beforeAll` has run.
 */
export function studioServer(postgres: boolean): StudioServer {
  const studio: StudioServer = {
    server: undefined as unknown as TestServer,
    tokens: {},
    as: (who, method, path, body) =>
      call(studio.server.url, studio.tokens[who]!, method, path, body),
    async pulled<T extends RetailerRecordType>(who: string, type: T) {
      const page = pullPage.parse((await studio.as(who, 'GET', '/v1/sync/pull?since=0')).json);
      return page.records.flatMap((r) => (r.type === type ? [r.data as DataOf<T>] : []));
    },
  };
  beforeAll(async () => {
    studio.server = await startTestServer({ postgres });
    for (const [key, email] of Object.entries(CAST)) {
      studio.tokens[key] = await signIn(studio.server.url, email);
    }
  });
  afterAll(() => studio.server.close());
  return studio;
}
