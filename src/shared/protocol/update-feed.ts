import { z } from 'zod';
import { id, isoDateTime, printable } from '../domain/primitives';

/**
 * Desktop updates served by the retailer API: releases an operator uploads, per-center
 * channel / staged rollout / minimum version, and which desk runs what. The feed itself is
 * electron-updater's generic-provider format (latest.yml, latest-mac.yml, latest-linux.yml).
 */

/** Headers a desk sends on sync and update requests, so the retailer knows what it runs. */
export const DESK_ID_HEADER = 'x-koe-desk-id';
export const APP_VERSION_HEADER = 'x-koe-app-version';
/** The error code of a pull refused to a desk older than its center's minimum version. */
export const UPDATE_REQUIRED_CODE = 'update_required';

export const updatePlatform = z.enum(['win', 'mac', 'linux']);
export type UpdatePlatform = z.infer<typeof updatePlatform>;

/** The feed file electron-updater asks for, per platform. */
export const FEED_FILES: Record<UpdatePlatform, string> = {
  win: 'latest.yml',
  mac: 'latest-mac.yml',
  linux: 'latest-linux.yml',
};

export const appVersion = z
  .string()
  .max(60)
  .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(-[0-9A-Za-z.-]{1,40})?$/, 'expected a version like 1.4.2');
export const updateChannel = z
  .string()
  .max(32)
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a channel name like stable or pilot');
/** A file name as electron-builder writes it: no folders, nothing that escapes a URL path. */
export const releaseFileName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/, 'expected a plain file name')
  .refine((name) => !/\.ya?ml$/i.test(name), 'a release file may not be a feed file');
export const sha512Base64 = z
  .string()
  .max(88)
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'expected a base64 sha512');

export const releaseFile = z.object({
  url: releaseFileName,
  sha512: sha512Base64,
  size: z.number().int().min(1),
});

/** What the operator command posts for one platform's build (from electron-builder's yml). */
export const releaseUpload = z.object({
  channel: updateChannel,
  platform: updatePlatform,
  version: appVersion,
  releaseDate: isoDateTime,
  files: z.array(releaseFile).min(1).max(10),
});
export type ReleaseUpload = z.infer<typeof releaseUpload>;

export const release = releaseUpload.extend({
  haltedAt: isoDateTime.nullable(),
  uploadedAt: isoDateTime,
});
export type Release = z.infer<typeof release>;

export const storedFile = z.object({ sha512: sha512Base64, size: z.number().int() });

export const releaseHalt = z.object({
  channel: updateChannel,
  version: appVersion,
  /** true halts the release on every platform; false resumes it. */
  halted: z.boolean(),
});

export const centerUpdateSettings = z.object({
  channel: updateChannel,
  /** Share of the center's desks (0–100) offered the newest release of its channel. */
  rolloutPercent: z.number().int().min(0).max(100),
  /** Desks older than this are refused customer data until they update. */
  minimumVersion: appVersion.nullable(),
});
export type CenterUpdateSettings = z.infer<typeof centerUpdateSettings>;

export const centerUpdateSettingsList = z.object({
  centers: z.array(centerUpdateSettings.extend({ centerId: id, centerName: printable(200) })),
});

/** What a desk learns about its center: where its feed is, and whether it must update. */
export const deskUpdatePolicy = z.object({
  channel: updateChannel,
  minimumVersion: appVersion.nullable(),
  updateRequired: z.boolean(),
});
export type DeskUpdatePolicy = z.infer<typeof deskUpdatePolicy>;

export const deskVersions = z.object({
  desks: z.array(
    z.object({
      deskId: id,
      centerId: id.nullable(),
      userId: id,
      version: appVersion,
      reportedAt: isoDateTime,
    }),
  ),
});

/** Compares two versions by major.minor.patch; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { parts: core.split('.').map((n) => Number(n) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}
