import { describe, expect, it } from 'vitest';
import { watchUpdateRequired } from '../../../src/main/core/updates/update-feed';
import { deskVersions, DESK_ID_HEADER } from '../../../src/shared/protocol/update-feed';
import type { UpdateNotice } from '../../../src/shared/updates/update-notice';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { useDeskWithRetailer } from '../../fixtures/desk-with-retailer';
import { call, signIn } from '../../fixtures/test-server';

/**
 * The desk's side of the retailer's update feed: the core as the app starts it reads its
 * center's channel and minimum version from a real retailer API on loopback, and hands the
 * shell's updater (electron-updater, which cannot run here) the feed URL and the headers it
 * must send. SQLite, or PostgreSQL when KOE_TEST_DATABASE_URL is set.
 */
const A = 'retailer-a';
const CENTER_X = `${A}-center-x`;

let admin: string;
const desk = useDeskWithRetailer({
  agentEmail: `agent@${CENTER_X}.example`,
  tempPrefix: 'koe-update-feed-',
  signedOut: true,
  core: { appVersion: '1.0.0' },
  seed: async (server) => {
    admin = await signIn(server.url, `admin@${A}.example`);
  },
});

const centerSettings = (channel: string, minimumVersion: string | null) =>
  call(desk.server.url, admin, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
    channel,
    rolloutPercent: 100,
    minimumVersion,
  });

describe('the update feed a desk reads from its retailer', () => {
  it('has no feed before anyone signed in (the feed needs the agent’s session)', async () => {
    expect(await desk.core.updateFeed()).toBeNull();
  });

  it('follows the channel and minimum version the retailer admin sets for the center', async () => {
    await desk.signIn();
    // The desk reaches its retailer through the shared context's proxy: the feed is there too.
    const feedBase = desk.proxy.url;

    expect((await centerSettings('beta', null)).status).toBe(200);
    const beta = await desk.core.updateFeed();
    expect(beta).toMatchObject({
      url: `${feedBase}/v1/updates/beta`,
      channel: 'beta',
      required: false,
    });

    // Below a minimum the desk already meets, nothing is required: the retailer heard which
    // version this desk runs (a request without the desk's headers counts as too old).
    expect((await centerSettings('stable', '0.9.0')).status).toBe(200);
    expect(await desk.core.updateFeed()).toMatchObject({ channel: 'stable', required: false });

    expect((await centerSettings('stable', '1.1.0')).status).toBe(200);
    const required = await desk.core.updateFeed();
    expect(required).toMatchObject({ url: `${feedBase}/v1/updates/stable`, required: true });

    // The headers electron-updater sends: the agent's token and who this desk is.
    const headers = required!.requestHeaders();
    expect(headers.authorization).toBe(`Bearer ${desk.session()!.accessToken}`);
    const feedAnswer = await fetch(`${required!.url}/latest-linux.yml`, { headers });
    // No release was uploaded: the feed says so, and it did not refuse the desk's credentials.
    expect(feedAnswer.status).toBe(404);
    await feedAnswer.body?.cancel();

    // The retailer now lists this desk with the version it runs.
    const desks = await fetch(`${desk.server.url}/v1/updates/desks`, {
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
    const off = desk.core.events.subscribe((event, payload) => {
      if (event === 'updates:notice') pushed.push(payload as UpdateNotice);
    });
    expect(await desk.core.router.handle('updates:notice', {})).toEqual({
      ok: true,
      value: { notice: null },
    });
    const notice: UpdateNotice = { kind: 'ready', version: '1.1.0', restart: 'after-call' };
    desk.core.announceUpdate(notice);
    off();
    expect(pushed).toEqual([notice]);
    expect(await desk.core.router.handle('updates:notice', {})).toEqual({
      ok: true,
      value: { notice },
    });
  });

  it('asks for a check once when the retailer starts refusing this version, not at every retry', () => {
    let checks = 0;
    const off = watchUpdateRequired(desk.core.events, () => checks++);
    const status = (code: string | null) =>
      desk.core.events.emit('sync:status', {
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
