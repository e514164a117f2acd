import { createHash, randomBytes } from 'node:crypto';
import type { ServerDb } from '../db/schema';

const REFRESH_TOKEN_DAYS = 30;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new sign-in's family: every rotation of its refresh token shares it, and its access tokens. */
export const newFamilyId = () => randomBytes(12).toString('base64url');

export async function issueRefreshToken(
  db: ServerDb,
  userId: string,
  familyId: string = newFamilyId(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      family_id: familyId,
      expires_at: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString(),
      used_at: null,
      revoked: 0,
    })
    .execute();
  return token;
}

/** A rotated refresh token, or why not: unknown/expired/revoked, or spent before (reuse). */
export type Rotation =
  | { userId: string; familyId: string; refreshToken: string }
  | { reused: { userId: string; familyId: string } }
  | null;

/**
 * Spends a refresh token and issues its successor (rotation on use). A token presented twice
 * means it was copied: the whole family is revoked and the user must sign in again (the caller
 * also puts the family on the revocation list, so its access tokens stop working too).
 */
export async function rotateRefreshToken(db: ServerDb, token: string): Promise<Rotation> {
  const row = await db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked || row.expires_at <= new Date().toISOString()) return null;
  const spent = await db
    .updateTable('refresh_tokens')
    .set({ used_at: new Date().toISOString() })
    .where('token_hash', '=', row.token_hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) {
    await db
      .updateTable('refresh_tokens')
      .set({ revoked: 1 })
      .where('family_id', '=', row.family_id)
      .execute();
    return { reused: { userId: row.user_id, familyId: row.family_id } };
  }
  return {
    userId: row.user_id,
    familyId: row.family_id,
    refreshToken: await issueRefreshToken(db, row.user_id, row.family_id),
  };
}

/**
 * Whose refresh token this is, whatever its state (revoked, spent, expired): a revoked desk that
 * presents its last one is told it is revoked (and erases) rather than only to sign in again.
 */
export async function refreshTokenOwner(db: ServerDb, token: string): Promise<string | null> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Revokes every refresh family of a user (disabled): none can be refreshed again. */
export async function revokeRefreshTokensOf(db: ServerDb, userId: string): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked: 1 })
    .where('user_id', '=', userId)
    .where('revoked', '=', 0)
    .execute();
}
