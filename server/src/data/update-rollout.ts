import { createHash } from 'node:crypto';
import { compareVersions } from '../../../src/shared/protocol/update-feed';

/**
 * Which bucket (0–99) a desk falls in for one release: the same desk gets the same answer for
 * the same release on every request and every server process, and a new release reshuffles the
 * buckets, so the same desks are not always the first to get a new version.
 */
export function rolloutBucket(deskId: string, version: string): number {
  return createHash('sha256').update(`${deskId}\n${version}`).digest().readUInt32BE(0) % 100;
}

export interface RolloutRelease {
  version: string;
  halted: boolean;
}

/**
 * The release a desk is offered, from its channel's releases for its platform. The center's
 * percentage stages only the newest upload; every older release counts as fully out.
 *  - the newest release goes to the desks whose bucket is below the center's percentage, and to
 *    every desk below the center's minimum version (it must be able to reach it);
 *  - a halted release is offered to nobody: its desks get the newest older one that is not;
 *  - the other desks get the newest older release that is not halted, or nothing.
 * A desk that already runs a newer version than the one offered is not downgraded:
 * electron-updater ignores an older version.
 */
export function offeredRelease<R extends RolloutRelease>(
  releases: readonly R[],
  desk: { deskId: string; version: string | null },
  center: { rolloutPercent: number; minimumVersion: string | null },
): R | null {
  const [newest, ...older] = [...releases].sort((a, b) => compareVersions(b.version, a.version));
  if (!newest) return null;
  const belowMinimum =
    center.minimumVersion !== null &&
    (desk.version === null || compareVersions(desk.version, center.minimumVersion) < 0);
  const staged = belowMinimum || rolloutBucket(desk.deskId, newest.version) < center.rolloutPercent;
  if (staged && !newest.halted) return newest;
  return older.find((r) => !r.halted) ?? null;
}
