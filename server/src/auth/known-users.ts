import type { ServerDb } from '../db/schema';

/**
 * Whether a verified access token's user still exists in its tenant, asked per request: a
 * signed token for a user that was never created (or was removed) is refused. Answers are kept
 * for `ttlMs` per user, so a busy desk costs one indexed read per user every few seconds, not
 * one per request.
 */
export function knownUsers(db: ServerDb, ttlMs = 10_000) {
  const cache = new Map<string, { known: boolean; until: number }>();
  return async (userId: string, tenantId: string): Promise<boolean> => {
    const key = `${tenantId}/${userId}`;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.until > now) return cached.known;
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (cache.size > 50_000) cache.clear();
    cache.set(key, { known: row !== undefined, until: now + ttlMs });
    return row !== undefined;
  };
}
