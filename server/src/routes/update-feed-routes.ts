import type { Readable } from 'node:stream';
import yaml from 'js-yaml';
import { z } from 'zod';
import {
  APP_VERSION_HEADER,
  appVersion,
  centerUpdateSettings,
  centerUpdateSettingsList,
  compareVersions,
  DESK_ID_HEADER,
  deskUpdatePolicy,
  deskVersions,
  FEED_FILES,
  release,
  releaseHalt,
  releaseUpload,
  storedFile,
  UPDATE_REQUIRED_CODE,
  updateChannel,
  type CenterUpdateSettings,
  type Release,
  type UpdatePlatform,
} from '../../../src/shared/protocol/update-feed';
import { id } from '../../../src/shared/domain/primitives';
import type { Principal } from '../auth/access-tokens';
import type { ServerStore } from '../db/connect';
import type { ServerDb } from '../db/schema';
import type { UpdateFileStore } from '../data/update-files';
import { offeredRelease } from '../data/update-rollout';
import { ALL_ROLES, defineRoute, HttpError, SUPERVISOR_ROLES, type RouteSpec } from '../http/route';

/** The tables of migration 2026_12_06_0101_update_feed. */
export type UpdateFeedTables = {
  update_releases: {
    tenant_id: string;
    channel: string;
    platform: string;
    version: string;
    release_date: string;
    files: string;
    halted_at: string | null;
    uploaded_at: string;
  };
  update_center_settings: {
    tenant_id: string;
    center_id: string;
    channel: string;
    rollout_percent: number;
    minimum_version: string | null;
    updated_at: string;
  };
  update_desks: {
    tenant_id: string;
    desk_id: string;
    center_id: string | null;
    user_id: string;
    version: string;
    reported_at: string;
  };
};

/** A center nobody configured yet: the stable channel, everything rolled out, no minimum. */
export const DEFAULT_CENTER_SETTINGS: CenterUpdateSettings = {
  channel: 'stable',
  rolloutPercent: 100,
  minimumVersion: null,
};

const feedDb = (db: ServerDb) => db.withTables<UpdateFeedTables>();

/** The desk id and version a request carries in its headers, when both are well formed. */
export function deskOf(headers: Record<string, string | string[] | undefined>) {
  const deskId = id.safeParse(headers[DESK_ID_HEADER]);
  const version = appVersion.safeParse(headers[APP_VERSION_HEADER]);
  return {
    deskId: deskId.success ? deskId.data : null,
    version: version.success ? version.data : null,
  };
}

async function centerSettings(
  db: ServerDb,
  tenantId: string,
  centerId: string | null,
): Promise<CenterUpdateSettings> {
  if (!centerId) return DEFAULT_CENTER_SETTINGS;
  const row = await feedDb(db)
    .selectFrom('update_center_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return row
    ? {
        channel: row.channel,
        rolloutPercent: Number(row.rollout_percent),
        minimumVersion: row.minimum_version,
      }
    : DEFAULT_CENTER_SETTINGS;
}

/** Remembers which version a desk runs (for the admin's and the supervisor's list). */
/** How old a desk's stored report may grow while nothing in it changes (its time, to this). */
export const DESK_REPORT_REFRESH_MS = 60_000;
/** Per database, what this process last wrote of each desk, and when. */
const lastDeskReports = new WeakMap<ServerDb, Map<string, { same: string; at: number }>>();

/**
 * Stores the version a desk runs, its center and user. A real desk names itself and its version
 * on every request and pulls after every change notice: written on each pull, that was a write
 * and a commit per pull. So a process writes a desk's row when something in it changed, or once
 * its time is `DESK_REPORT_REFRESH_MS` old (the devices list shows the last contact to the
 * minute, the floor the version).
 */
async function recordDesk(
  db: ServerDb,
  principal: Principal,
  desk: ReturnType<typeof deskOf>,
): Promise<void> {
  if (!desk.deskId || !desk.version) return;
  const row = {
    center_id: principal.centerId,
    user_id: principal.userId,
    version: desk.version,
    reported_at: new Date().toISOString(),
  };
  let reports = lastDeskReports.get(db);
  if (!reports) lastDeskReports.set(db, (reports = new Map()));
  const key = `${principal.tenantId}\n${desk.deskId}`;
  const same = `${row.center_id}\n${row.user_id}\n${row.version}`;
  const now = Date.now();
  const last = reports.get(key);
  if (last && last.same === same && now - last.at < DESK_REPORT_REFRESH_MS) return;
  if (reports.size > 100_000) reports.clear();
  reports.set(key, { same, at: now });
  await feedDb(db)
    .insertInto('update_desks')
    .values({ tenant_id: principal.tenantId, desk_id: desk.deskId, ...row })
    .onConflict((oc) => oc.columns(['tenant_id', 'desk_id']).doUpdateSet(row))
    .execute()
    // Not written: the next pull writes it.
    .catch((error: unknown) => {
      reports.delete(key);
      throw error;
    });
}

/** Which desk runs which version, as `recordDesk` stored it: a supervisor's own center only. */
async function readDeskVersions(db: ServerDb, principal: Principal) {
  const rows = await feedDb(db)
    .selectFrom('update_desks')
    .selectAll()
    .where('tenant_id', '=', principal.tenantId)
    .$if(principal.role === 'supervisor', (q) =>
      q.where('center_id', '=', principal.centerId ?? ''),
    )
    .orderBy('desk_id')
    .execute();
  return rows.map((r) => ({
    deskId: r.desk_id,
    centerId: r.center_id,
    userId: r.user_id,
    version: r.version,
    reportedAt: r.reported_at,
  }));
}

/**
 * Called by the sync pull before it reads any customer data: records the desk's version and
 * refuses a desk older than its center's minimum (or one that does not say its version while a
 * minimum is set) with `update_required`, which the desk shows the agent. The minimum is read by
 * the pull with the rest of what it checks (`centerMinimumVersionQuery`, pull-context.ts).
 */
export async function refuseOutdatedDesk(
  db: ServerDb,
  principal: Principal,
  headers: Record<string, string | string[] | undefined>,
  minimumVersion: string | null,
): Promise<void> {
  const desk = deskOf(headers);
  await recordDesk(db, principal, desk);
  if (minimumVersion && (!desk.version || compareVersions(desk.version, minimumVersion) < 0)) {
    throw new HttpError(
      426,
      UPDATE_REQUIRED_CODE,
      `This center requires Koe ${minimumVersion} or later (this desk runs ${desk.version ?? 'an unknown version'}). Restart Koe to install the update.`,
    );
  }
}

/** The minimum desk version a center requires (no row: none), as a query to embed, not run. */
export function centerMinimumVersionQuery(db: ServerDb, tenantId: string, centerId: string) {
  return feedDb(db)
    .selectFrom('update_center_settings')
    .select('minimum_version')
    .where('tenant_id', '=', tenantId)
    .where('center_id', '=', centerId);
}

function toRelease(row: UpdateFeedTables['update_releases']): Release {
  return {
    channel: row.channel,
    platform: row.platform as UpdatePlatform,
    version: row.version,
    releaseDate: row.release_date,
    files: JSON.parse(row.files) as Release['files'],
    haltedAt: row.halted_at,
    uploadedAt: row.uploaded_at,
  };
}

const PLATFORM_OF_FEED = Object.fromEntries(
  Object.entries(FEED_FILES).map(([platform, file]) => [file, platform as UpdatePlatform]),
);

/** electron-updater's generic-provider feed for one release. */
export function feedYaml(r: Release): string {
  const [main] = r.files;
  return yaml.dump({
    version: r.version,
    files: r.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size })),
    path: main!.url,
    sha512: main!.sha512,
    releaseDate: r.releaseDate,
  });
}

/**
 * Desktop updates from the retailer's side: the operator uploads releases, the retailer admin
 * sets each center's channel, rollout and minimum version and can halt a release, desks read
 * their feed (electron-updater's generic provider) and report their version.
 */
export function updateFeedRoutes(deps: {
  store: ServerStore;
  files: UpdateFileStore;
}): RouteSpec[] {
  const db = deps.store.db;
  const releasesOf = async (tenantId: string, channel: string, platform?: UpdatePlatform) =>
    (
      await feedDb(db)
        .selectFrom('update_releases')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('channel', '=', channel)
        .$if(platform !== undefined, (q) => q.where('platform', '=', platform!))
        .execute()
    ).map(toRelease);

  return [
    defineRoute({
      method: 'PUT',
      url: '/v1/admin/updates/files',
      summary: 'Upload one release file (application/octet-stream), stored by its sha512',
      roles: ['retailer_admin'],
      response: storedFile,
      rateLimitPerMinute: 60,
      handler: async ({ principal, request }) => {
        if (!request.headers['content-type']?.startsWith('application/octet-stream')) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            'Send the file as application/octet-stream.',
          );
        }
        return deps.files.put(principal.tenantId, request.body as Readable);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/updates/releases',
      summary: 'Publish a release for one platform on a channel (its files uploaded first)',
      roles: ['retailer_admin'],
      body: releaseUpload,
      response: release,
      handler: async ({ principal, body }) => {
        for (const file of body.files) {
          const size = await deps.files.size(principal.tenantId, file.sha512);
          if (size !== file.size) {
            throw new HttpError(
              409,
              'file_missing',
              `${file.url}: no uploaded file has this sha512 and size; upload it first.`,
            );
          }
        }
        const row = {
          tenant_id: principal.tenantId,
          channel: body.channel,
          platform: body.platform,
          version: body.version,
          release_date: body.releaseDate,
          files: JSON.stringify(body.files),
          halted_at: null,
          uploaded_at: new Date().toISOString(),
        };
        const existing = await feedDb(db)
          .selectFrom('update_releases')
          .select('files')
          .where('tenant_id', '=', row.tenant_id)
          .where('channel', '=', row.channel)
          .where('platform', '=', row.platform)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (existing) {
          // Re-running the upload is harmless; replacing a published build under the same
          // version is not (desks that downloaded it would verify a different sha512).
          if (existing.files !== row.files) {
            throw new HttpError(
              409,
              'release_exists',
              `${body.platform} ${body.version} is already published on ${body.channel} with other files.`,
            );
          }
        } else {
          await feedDb(db).insertInto('update_releases').values(row).execute();
        }
        return toRelease(
          await feedDb(db)
            .selectFrom('update_releases')
            .selectAll()
            .where('tenant_id', '=', row.tenant_id)
            .where('channel', '=', row.channel)
            .where('platform', '=', row.platform)
            .where('version', '=', row.version)
            .executeTakeFirstOrThrow(),
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/admin/updates/releases',
      summary: 'List the uploaded releases, newest first',
      roles: ['retailer_admin'],
      response: z.object({ releases: z.array(release) }),
      handler: async ({ principal }) => {
        const rows = await feedDb(db)
          .selectFrom('update_releases')
          .selectAll()
          .where('tenant_id', '=', principal.tenantId)
          .execute();
        return {
          releases: rows.map(toRelease).sort((a, b) => compareVersions(b.version, a.version)),
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/admin/updates/halt',
      summary: 'Halt (or resume) a release on every platform: halted, it is offered to no desk',
      roles: ['retailer_admin'],
      body: releaseHalt,
      response: z.object({ releases: z.array(release) }),
      handler: async ({ principal, body }) => {
        const result = await feedDb(db)
          .updateTable('update_releases')
          .set({ halted_at: body.halted ? new Date().toISOString() : null })
          .where('tenant_id', '=', principal.tenantId)
          .where('channel', '=', body.channel)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) {
          throw new HttpError(404, 'not_found', `No release ${body.version} on ${body.channel}.`);
        }
        const releases = await releasesOf(principal.tenantId, body.channel);
        return { releases: releases.filter((r) => r.version === body.version) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/admin/updates/centers',
      summary: "Each center's update channel, rollout percentage and minimum version",
      roles: ['retailer_admin'],
      response: centerUpdateSettingsList,
      handler: async ({ principal }) => {
        const centers = await db
          .selectFrom('centers')
          .select(['id', 'name'])
          .where('tenant_id', '=', principal.tenantId)
          .orderBy('id')
          .execute();
        return {
          centers: await Promise.all(
            centers.map(async (c) => ({
              centerId: c.id,
              centerName: c.name,
              ...(await centerSettings(db, principal.tenantId, c.id)),
            })),
          ),
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/admin/updates/centers/:centerId',
      summary: "Set a center's update channel, rollout percentage and minimum version",
      roles: ['retailer_admin'],
      body: centerUpdateSettings,
      response: centerUpdateSettings,
      handler: async ({ principal, body, request }) => {
        const centerId = (request.params as { centerId: string }).centerId;
        const center = await db
          .selectFrom('centers')
          .select('id')
          .where('tenant_id', '=', principal.tenantId)
          .where('id', '=', centerId)
          .executeTakeFirst();
        if (!center) throw new HttpError(404, 'not_found', `No center ${centerId}.`);
        const row = {
          channel: body.channel,
          rollout_percent: body.rolloutPercent,
          minimum_version: body.minimumVersion,
          updated_at: new Date().toISOString(),
        };
        await feedDb(db)
          .insertInto('update_center_settings')
          .values({ tenant_id: principal.tenantId, center_id: centerId, ...row })
          .onConflict((oc) => oc.columns(['tenant_id', 'center_id']).doUpdateSet(row))
          .execute();
        return centerSettings(db, principal.tenantId, centerId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/updates/desks',
      summary: 'Which desk runs which version (retailer admin: all; supervisor: own center)',
      roles: SUPERVISOR_ROLES,
      response: deskVersions,
      handler: async ({ principal }) => ({ desks: await readDeskVersions(db, principal) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/updates/policy',
      summary: "The desk's update channel and minimum version (records the version it reports)",
      roles: ALL_ROLES,
      response: deskUpdatePolicy,
      handler: async ({ principal, request }) => {
        const desk = deskOf(request.headers);
        await recordDesk(db, principal, desk);
        const s = await centerSettings(db, principal.tenantId, principal.centerId);
        return {
          channel: s.channel,
          minimumVersion: s.minimumVersion,
          updateRequired:
            s.minimumVersion !== null &&
            (desk.version === null || compareVersions(desk.version, s.minimumVersion) < 0),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/updates/:channel/:file',
      summary:
        "electron-updater's generic feed (latest.yml, latest-mac.yml, latest-linux.yml) and the release files it names",
      roles: ALL_ROLES,
      handler: async ({ principal, request, reply }) => {
        const params = request.params as { channel: string; file: string };
        const channel = updateChannel.safeParse(params.channel);
        if (!channel.success) throw new HttpError(404, 'not_found', 'No such update channel.');
        const settings = await centerSettings(db, principal.tenantId, principal.centerId);
        if (principal.centerId && settings.channel !== channel.data) {
          throw new HttpError(
            409,
            'wrong_channel',
            `This center follows the ${settings.channel} channel, not ${channel.data}.`,
          );
        }
        const platform = PLATFORM_OF_FEED[params.file];
        if (platform) {
          const desk = deskOf(request.headers);
          await recordDesk(db, principal, desk);
          const offered = offeredRelease(
            (await releasesOf(principal.tenantId, channel.data, platform)).map((r) => ({
              ...r,
              halted: r.haltedAt !== null,
            })),
            { deskId: desk.deskId ?? principal.userId, version: desk.version },
            settings,
          );
          if (!offered) {
            throw new HttpError(404, 'no_release', `No release on ${channel.data} for this desk.`);
          }
          void reply.header('cache-control', 'no-store').type('text/yaml; charset=utf-8');
          return reply.send(feedYaml(offered));
        }
        // A release file: any non-halted release of the channel that lists it.
        const listed = (await releasesOf(principal.tenantId, channel.data))
          .filter((r) => r.haltedAt === null)
          .flatMap((r) => r.files)
          .find((f) => f.url === params.file);
        if (!listed) throw new HttpError(404, 'not_found', `No release file ${params.file}.`);
        void reply.header('content-length', String(listed.size)).type('application/octet-stream');
        return reply.send(deps.files.read(principal.tenantId, listed.sha512));
      },
    }),
  ];
}
