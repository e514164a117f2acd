import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { HttpError } from '../http/route';

/**
 * What the script studio and the approved-answer studio share on the server: who may author,
 * the audience check, the publisher's name, and how a lost publish race is told apart.
 */

/** Who writes scripts and approved answers: trainers and the retailer's admin. */
export const STUDIO_AUTHORS = ['trainer', 'retailer_admin'] as const;

/** Refuses an audience naming a center the tenant does not have (empty: every center). */
export async function checkAudienceCenters(
  db: ServerDb,
  tenantId: string,
  centers: readonly string[],
): Promise<void> {
  if (centers.length === 0) return;
  const known = await db
    .selectFrom('centers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...centers])
    .execute();
  if (known.length !== new Set(centers).size) {
    throw new HttpError(400, 'bad_request', 'The audience names a center this retailer has not.');
  }
}

/** The tenant's centers, to pick an audience from. */
export function readCenters(db: ServerDb, tenantId: string) {
  return db
    .selectFrom('centers')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

/** The publisher's display name as the version history shows it. */
export async function authorName(db: ServerDb, principal: Principal): Promise<string> {
  const author = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', principal.userId)
    .where('tenant_id', '=', principal.tenantId)
    .executeTakeFirst();
  return author?.display_name ?? principal.userId;
}

/**
 * Runs a publish transaction; a primary-key clash means another publish of the same version
 * number committed first (the version is max + 1, read inside the transaction), which is a 409.
 */
export async function publishOnce<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (/unique|primary key|duplicate/i.test((error as Error).message)) {
      throw new HttpError(409, 'conflict', `Another publish of this ${what} won; reload it.`);
    }
    throw error;
  }
}

/** The newest of a studio item's versions, or null. */
export function latestOf<V>(versions: ReadonlyMap<number, V> | undefined): V | null {
  if (!versions || versions.size === 0) return null;
  return versions.get(Math.max(...versions.keys())) ?? null;
}
