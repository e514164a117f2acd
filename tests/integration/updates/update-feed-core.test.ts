import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../../src/main/core/sync/sync-worker-host';
import { watchUpdateRequired } from '../../../src/main/core/updates/update-feed';
import { session as sessionSchema, type Session } from '../../../src/shared/protocol/auth';
import { deskVersions, DESK_ID_HEADER } from '../../../src/shared/protocol/update-feed';
import type { UpdateNotice } from '../../../src/shared/updates/update-notice';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { call, PASSWORD, signIn, startTestServer, type TestServer } from '../server/test-server';

/**
 * The desk's side of the retailer's update feed: the core as the app starts it reads its
 * center's channel and minimum version from a real retailer API on loopback, and hands the
 * shell's updater (electron-updater, which cannot run here) the feed URL and the headers it
 * must send. SQLite, or PostgreSQL when KOE_TEST_DATABASE_URL is set.
 */
const A = 'retailer-a';
const CENTER_X = `${A}-center-x`;

let server: TestServer;
let core: KoeCore;
let dataDir: string;
let admin: string;
const stored = { current: null as Session | null };

const centerSettings = (channel: string, minimumVersion: string | null) =>
  call(server.url, admin, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
    channel,
    rolloutPercent: 100,
    minimumVersion,
  });

beforeAll(async () => {
  server = await startTestServer({ postgres: Boolean(process.env.KOE_TEST_DATABASE_URL) });
  admin = await signIn(server.url, `admin@${A}.example`);
  dataDir = mkdtempSync(join(tmpdir(), 'koe-update-feed-'));
  core = await startKoeCore({
    dataDir,
    appVersion: '1.0.0',
    retailer: {
      baseUrl: server.url,
      sessions: {
        load: () => stored.current,
        save: (s: Session) => void (stored.current = s),
        clear: () => void (stored.current = null),
      },
    },
    syncWorkerEntry: typescriptSyncWorkerEntry,
    ctiPort: false,
    predictions: false,
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the update feed a desk reads from its retailer', () => {
  it('has no feed before anyone signed in (the feed needs the agent’s session)', async () => {
    expect(await core.updateFeed()).toBeNull();
  });

  it('follows the channel and minimum version the retailer admin sets for the center', async () => {
    const response = await fetch(`${server.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `agent@${CENTER_X}.example`, password: PASSWORD }),
    });
    stored.current = sessionSchema.parse(await response.json());

    expect((await centerSettings('beta', null)).status).toBe(200);
    const beta = await core.updateFeed();
    expect(beta).toMatchObject({
      url: `${server.url}/v1/updates/beta`,
      channel: 'beta',
      required: false,
    });

    // Below a minimum the desk already meets, nothing is required: the retailer heard which
    // version this desk runs (a request without the desk's headers counts as too old).
    expect((await centerSettings('stable', '0.9.0')).status).toBe(200);
    expect(await core.updateFeed()).toMatchObject({ channel: 'stable', required: false });

    expect((await centerSettings('stable', '1.1.0')).status).toBe(200);
    const required = await core.updateFeed();
    expect(required).toMatchObject({ url: `${server.url}/v1/updates/stable`, required: true });

    // The headers electron-updater sends: the agent's token and who this desk is.
    const headers = required!.requestHeaders();
    expect(headers.authorization).toBe(`Bearer ${stored.current.accessToken}`);
    const feedAnswer = await fetch(`${required!.url}/latest-linux.yml`, { headers });
    // No release was uploaded: the feed says so, and it did not refuse the desk's credentials.
    expect(feedAnswer.status).toBe(404);
    await feedAnswer.body?.cancel();

    // The retailer now lists this desk with the version it runs.
    const desks = await fetch(`${server.url}/v1/updates/desks`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const listed = deskVersions.parse(await desks.json()).desks;
    expect(listed).toContainEqual(
      expect.objectContaining({ deskId: headers[DESK_ID_HEADER], version: '1.0.0' }),
    );
    expect((await centerSettings('stable', null)).status).toBe(200);
  });

  it('tells the window the notice the updater reports, now and to a page that asks later', async () => {
    const pushed: UpdateNotice[] = [];
    const off = core.events.subscribe((event, payload) => {
      if (event === 'updates:notice') pushed.push(payload as UpdateNotice);
    });
    expect(await core.router.handle('updates:notice', {})).toEqual({
      ok: true,
      value: { notice: null },
    });
    const notice: UpdateNotice = { kind: 'ready', version: '1.1.0', restart: 'after-call' };
    core.announceUpdate(notice);
    off();
    expect(pushed).toEqual([notice]);
    expect(await core.router.handle('updates:notice', {})).toEqual({
      ok: true,
      value: { notice },
    });
  });

  it('asks for a check once when the retailer starts refusing this version, not at every retry', () => {
    let checks = 0;
    const off = watchUpdateRequired(core.events, () => checks++);
    const status = (code: string | null) =>
      core.events.emit('sync:status', {
        error: code ? { code, detail: '' } : null,
      } as unknown as SyncStatus);
    status('offline');
    status('update_required');
    status('update_required');
    expect(checks).toBe(1);
    status(null);
    status('update_required');
    off();
    expect(checks).toBe(2);
  });
});
