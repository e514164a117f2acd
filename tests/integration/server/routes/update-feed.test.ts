import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rolloutBucket } from '../../../../server/src/data/update-rollout';
import {
  APP_VERSION_HEADER,
  DESK_ID_HEADER,
  UPDATE_REQUIRED_CODE,
} from '../../../../src/shared/protocol/update-feed';
import { uploadReleases } from '../../../../scripts/release-upload';
import { createRetailerApi } from '../../../../src/main/core/sync/retailer-api';
import { SyncError } from '../../../../src/main/core/sync/sync-error';
import type { Session } from '../../../../src/shared/protocol/auth';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const A = 'retailer-a';
const CENTER_X = `${A}-center-x`;

/** The first desk id whose bucket for `version` satisfies `wanted`. */
function deskWhere(version: string, wanted: (bucket: number) => boolean): string {
  for (let i = 0; ; i++) if (wanted(rolloutBucket(`desk-${i}`, version))) return `desk-${i}`;
}

/** A folder as `npm run dist` leaves it for Linux: an AppImage and the latest-linux.yml. */
function distFolder(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'koe-dist-'));
  const bytes = Buffer.from(`Koe ${version} AppImage `.repeat(5_000));
  const name = `Koe-${version}.AppImage`;
  writeFileSync(join(dir, name), bytes);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(
    join(dir, 'latest-linux.yml'),
    yaml.dump({
      version,
      files: [{ url: name, sha512, size: bytes.length }],
      path: name,
      sha512,
      releaseDate: '2026-12-06T10:00:00.000Z',
    }),
  );
  return dir;
}

async function fetchAs(
  server: TestServer,
  token: string,
  path: string,
  desk: { id: string; version: string } | null,
) {
  return fetch(`${server.url}${path}`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(desk ? { [DESK_ID_HEADER]: desk.id, [APP_VERSION_HEADER]: desk.version } : {}),
    },
  });
}

describeEachDatabase('desktop updates from the retailer API ($name)', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, `admin@${A}.example`);
    agent = await signIn(server.url, `agent@${CENTER_X}.example`);
    for (const version of ['1.0.0', '1.1.0']) {
      const dir = distFolder(version);
      dirs.push(dir);
      await uploadReleases({
        dir,
        channel: 'stable',
        baseUrl: server.url,
        accessToken: admin,
        log: () => {},
      });
    }
    const settings = await call(server.url, admin, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
      channel: 'stable',
      rolloutPercent: 20,
      minimumVersion: null,
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const feedFor = async (deskId: string, version = '1.0.0') => {
    const response = await fetchAs(server, agent, '/v1/updates/stable/latest-linux.yml', {
      id: deskId,
      version,
    });
    return { status: response.status, text: await response.text() };
  };

  it('offers the new release to a desk inside the 20 % and the previous one to a desk outside', async () => {
    const inside = deskWhere('1.1.0', (b) => b < 20);
    const outside = deskWhere('1.1.0', (b) => b >= 20);
    const offeredIn = yaml.load((await feedFor(inside)).text) as Record<string, unknown>;
    const offeredOut = yaml.load((await feedFor(outside)).text) as Record<string, unknown>;
    expect(offeredIn).toMatchObject({ version: '1.1.0', path: 'Koe-1.1.0.AppImage' });
    expect(offeredOut).toMatchObject({ version: '1.0.0' });
    // The same desk gets the same answer every time.
    expect(yaml.load((await feedFor(inside)).text)).toEqual(offeredIn);
  });

  it('serves the file the feed names, byte for byte as its sha512 says', async () => {
    const inside = deskWhere('1.1.0', (b) => b < 20);
    const feed = yaml.load((await feedFor(inside)).text) as { path: string; sha512: string };
    const response = await fetchAs(server, agent, `/v1/updates/stable/${feed.path}`, null);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha512').update(bytes).digest('base64')).toBe(feed.sha512);
  });

  it('offers a halted release to nobody, and again once resumed', async () => {
    const inside = deskWhere('1.1.0', (b) => b < 20);
    const halt = (halted: boolean) =>
      call(server.url, admin, 'PUT', '/v1/admin/updates/halt', {
        channel: 'stable',
        version: '1.1.0',
        halted,
      });
    expect((await halt(true)).status).toBe(200);
    expect(yaml.load((await feedFor(inside)).text)).toMatchObject({ version: '1.0.0' });
    const file = await fetchAs(server, agent, '/v1/updates/stable/Koe-1.1.0.AppImage', null);
    expect(file.status).toBe(404);
    await file.body?.cancel();
    expect((await halt(false)).status).toBe(200);
    expect(yaml.load((await feedFor(inside)).text)).toMatchObject({ version: '1.1.0' });
  });

  it('refuses customer data to a desk below the minimum version, with update_required', async () => {
    const set = (minimumVersion: string | null) =>
      call(server.url, admin, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
        channel: 'stable',
        rolloutPercent: 20,
        minimumVersion,
      });
    expect((await set('1.1.0')).status).toBe(200);
    const pull = (desk: { id: string; version: string } | null) =>
      fetchAs(server, agent, '/v1/sync/pull?since=0', desk);
    const old = await pull({ id: 'desk-old', version: '1.0.0' });
    expect(old.status).toBe(426);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe(
      UPDATE_REQUIRED_CODE,
    );
    const unknown = await pull(null);
    expect(unknown.status).toBe(426);
    await unknown.body?.cancel();
    const current = await pull({ id: 'desk-new', version: '1.1.0' });
    expect(current.status).toBe(200);
    await current.body?.cancel();
    // A desk below the minimum is offered the release it needs even outside the rollout.
    const outside = deskWhere('1.1.0', (b) => b >= 20);
    expect(yaml.load((await feedFor(outside, '1.0.0')).text)).toMatchObject({ version: '1.1.0' });
    const policy = await fetchAs(server, agent, '/v1/updates/policy', {
      id: 'desk-old',
      version: '1.0.0',
    });
    expect(await policy.json()).toEqual({
      channel: 'stable',
      minimumVersion: '1.1.0',
      updateRequired: true,
    });
    expect((await set(null)).status).toBe(200);
  });

  it('hears from the desk’s own client who it is, and tells it update_required below the minimum', async () => {
    const kept = { session: null as Session | null };
    const desk = (version: string) =>
      createRetailerApi({
        baseUrl: server.url,
        sessions: {
          load: () => kept.session,
          save: (s) => void (kept.session = s),
          clear: () => void (kept.session = null),
        },
        desk: { id: 'desk-client', version },
      });
    await desk('1.0.0').signIn(`agent@${CENTER_X}.example`, PASSWORD);
    const set = (minimumVersion: string | null) =>
      call(server.url, admin, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
        channel: 'stable',
        rolloutPercent: 20,
        minimumVersion,
      });
    expect((await set('1.1.0')).status).toBe(200);
    try {
      const refused = await desk('1.0.0')
        .openPull('0')
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(SyncError);
      expect((refused as SyncError).kind).toBe('update_required');
      // The same desk, updated, gets its data; the retailer lists it with its new version.
      const pull = await desk('1.1.0').openPull('0');
      pull.cancel();
      const listed = (await call(server.url, admin, 'GET', '/v1/updates/desks')).json as {
        desks: { deskId: string; version: string; centerId: string }[];
      };
      expect(listed.desks).toContainEqual(
        expect.objectContaining({ deskId: 'desk-client', version: '1.1.0', centerId: CENTER_X }),
      );
    } finally {
      expect((await set(null)).status).toBe(200);
    }
  });

  it('lists which desk runs what: all for the admin, own center for a supervisor, nothing across retailers', async () => {
    await fetchAs(server, agent, '/v1/updates/policy', { id: 'desk-list', version: '1.0.0' });
    const all = (await call(server.url, admin, 'GET', '/v1/updates/desks')).json as {
      desks: { deskId: string; version: string; centerId: string }[];
    };
    expect(all.desks).toContainEqual(
      expect.objectContaining({ deskId: 'desk-list', version: '1.0.0', centerId: CENTER_X }),
    );
    const own = await signIn(server.url, `supervisor@${CENTER_X}.example`);
    const other = await signIn(server.url, `supervisor@${A}-center-y.example`);
    const seen = async (token: string) =>
      (
        (await call(server.url, token, 'GET', '/v1/updates/desks')).json as {
          desks: { deskId: string }[];
        }
      ).desks.map((d) => d.deskId);
    expect(await seen(own)).toContain('desk-list');
    expect(await seen(other)).toEqual([]);
    const otherRetailer = await signIn(server.url, 'admin@retailer-b.example');
    expect(await seen(otherRetailer)).toEqual([]);
    const releases = await call(server.url, otherRetailer, 'GET', '/v1/admin/updates/releases');
    expect(releases.json).toEqual({ releases: [] });
    expect(
      (
        await call(server.url, agent, 'PUT', `/v1/admin/updates/centers/${CENTER_X}`, {
          channel: 'stable',
          rolloutPercent: 100,
          minimumVersion: null,
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a release whose files were not uploaded, and a second build under the same version', async () => {
    const missing = await call(server.url, admin, 'POST', '/v1/admin/updates/releases', {
      channel: 'stable',
      platform: 'win',
      version: '1.1.0',
      releaseDate: '2026-12-06T10:00:00.000Z',
      files: [{ url: 'Koe-Setup-1.1.0.exe', sha512: `${'A'.repeat(86)}==`, size: 10 }],
    });
    expect(missing.status).toBe(409);
    expect((missing.json as { error: { code: string } }).error.code).toBe('file_missing');
    const dir = distFolder('1.1.0');
    dirs.push(dir);
    writeFileSync(join(dir, 'Koe-1.1.0.AppImage'), 'x'.repeat(90_000));
    await expect(
      uploadReleases({
        dir,
        channel: 'stable',
        baseUrl: server.url,
        accessToken: admin,
        log: () => {},
      }),
    ).rejects.toThrow();
  });
});
