import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/main/core/platform/errors';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { retailerConnector } from '../../../src/main/core/sync/connect-retailer';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';
import { PASSWORD, startTestServer, TENANTS, type TestServer } from '../../fixtures/test-server';

/**
 * Settings' "connect to a retailer" against a real retailer API on loopback: a wrong password or
 * address changes nothing (no session kept, the address not saved); a right one keeps both.
 */
const agent = TENANTS[0]!.users.find((u) => u.role === 'agent')!;

let server: TestServer;
let dataDir: string;

beforeAll(async () => {
  server = await startTestServer();
  dataDir = mkdtempSync(join(tmpdir(), 'koe-connect-retailer-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The error `promise` rejects with, as the IPC result carries it. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, reason: (error as AppError).reason };
}

describe('connecting this Koe to a retailer', () => {
  it('keeps nothing when the password is wrong or the retailer cannot be reached', async () => {
    const saveTo = memorySessions();
    const preferences = loadPreferences(dataDir);
    const connect = retailerConnector({ saveTo, preferences });

    expect(
      await refusal(connect({ retailerUrl: server.url, email: agent.email, password: 'wrong' })),
    ).toEqual({ code: 'unavailable', reason: 'sign_in_refused' });
    expect(
      await refusal(
        connect({ retailerUrl: 'http://127.0.0.1:9', email: agent.email, password: PASSWORD }),
      ),
    ).toEqual({ code: 'unavailable', reason: 'retailer_unreachable' });
    expect(saveTo.load()).toBeNull();
    expect(loadPreferences(dataDir).get().retailerUrl).toBeNull();
  });

  it('keeps the session and the address once the retailer accepts the agent', async () => {
    const saveTo = memorySessions();
    const connect = retailerConnector({ saveTo, preferences: loadPreferences(dataDir) });
    expect(
      await connect({ retailerUrl: server.url, email: agent.email, password: PASSWORD }),
    ).toEqual({ retailerUrl: server.url });
    expect(saveTo.load()?.user.id).toBe(agent.id);
    // Written to disk: the next start syncs with this retailer.
    expect(loadPreferences(dataDir).get().retailerUrl).toBe(server.url);
  });

  it('refuses when this Koe has no retailer connection to change', async () => {
    const connect = retailerConnector({ saveTo: null, preferences: loadPreferences(dataDir) });
    expect(
      await refusal(connect({ retailerUrl: server.url, email: agent.email, password: PASSWORD })),
    ).toEqual({ code: 'unavailable', reason: undefined });
  });
});
