import type { UserSummary } from '../../../src/shared/protocol/accounts';
import type { Principal } from '../auth/access-tokens';
import { revokeRefreshTokensOf } from '../auth/refresh-tokens';
import type { ServerDb } from '../db/schema';
import { HttpError } from '../http/route';
import { revokeDesks } from './devices';

/*
 * The retailer's users as its admin manages them: listed, disabled (no sign-in; their sessions
 * end; the desks they last signed in at erase their customer data) and enabled again. The
 * retailer admin manages every user of the retailer; a supervisor the agents of their own
 * center only (the same scope as their desks, see devices.ts).
 */

const NOT_FOUND = 'No such user at this retailer or center.';

/** The users the caller may manage: the admin's whole retailer, a supervisor's center's agents. */
function scopedUsers(db: ServerDb, principal: Principal) {
  let query = db.selectFrom('users').where('users.tenant_id', '=', principal.tenantId);
  if (principal.role !== 'retailer_admin') {
    if (principal.role !== 'supervisor' || !principal.centerId)
      throw new HttpError(403, 'forbidden', 'Only admins and supervisors manage users.');
    query = query
      .where('users.center_id', '=', principal.centerId)
      .where('users.role', '=', 'agent');
  }
  return query;
}

/**
 * The signed-in user's display name, as a version history or an alert's taker shows it (their
 * id when the row is gone).
 */
export async function displayNameOf(db: ServerDb, principal: Principal): Promise<string> {
  const me = await db
    .selectFrom('users')
    .select('display_name')
    .where('tenant_id', '=', principal.tenantId)
    .where('id', '=', principal.userId)
    .executeTakeFirst();
  return me?.display_name ?? principal.userId;
}

export async function listUsers(db: ServerDb, principal: Principal): Promise<UserSummary[]> {
  const rows = await scopedUsers(db, principal)
    .leftJoin('centers', 'centers.id', 'users.center_id')
    .select([
      'users.id',
      'users.display_name',
      'users.name_kana',
      'users.email',
      'users.role',
      'users.center_id',
      'centers.name as center_name',
      'users.disabled_at',
      'users.last_sign_in_at',
    ])
    .orderBy('users.center_id')
    .orderBy('users.role')
    .orderBy('users.id')
    .limit(5_000)
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    nameKana: r.name_kana ?? null,
    email: r.email,
    role: r.role,
    centerId: r.center_id,
    centerName: r.center_name ?? null,
    disabledAt: r.disabled_at ?? null,
    lastSignInAt: r.last_sign_in_at ?? null,
  }));
}

async function userInScope(db: ServerDb, principal: Principal, userId: string) {
  const user = await scopedUsers(db, principal)
    .select(['users.id', 'users.disabled_at'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new HttpError(404, 'not_found', NOT_FOUND);
  return user;
}

/**
 * Disables a user in one transaction: no sign-in from now on, every refresh token revoked, and
 * every desk they last signed in at revoked (`user_disabled`): each pushes what its outbox holds
 * and erases its customer data at its next contact. The caller then puts the user on the
 * revocation list (their access tokens stop at once) and wakes the online desks. Disabling a
 * disabled user again keeps the first date (and revokes a desk they signed in at since, if any).
 */
export async function disableUser(
  db: ServerDb,
  principal: Principal,
  userId: string,
  now = new Date(),
): Promise<{ userId: string; disabledAt: string; revokedDesks: string[] }> {
  if (userId === principal.userId)
    throw new HttpError(400, 'cannot_disable_self', 'You cannot disable yourself.');
  return db.transaction().execute(async (trx) => {
    const user = await userInScope(trx, principal, userId);
    const disabledAt = user.disabled_at ?? now.toISOString();
    await trx
      .updateTable('users')
      .set({ disabled_at: disabledAt })
      .where('id', '=', userId)
      .where('tenant_id', '=', principal.tenantId)
      .execute();
    await revokeRefreshTokensOf(trx, userId);
    const revokedDesks = await revokeDesks(
      trx,
      { tenantId: principal.tenantId, lastUserId: userId },
      'user_disabled',
      now.toISOString(),
    );
    return { userId, disabledAt, revokedDesks };
  });
}

/**
 * Lets a disabled user sign in again. The desks revoked at the disabling stay revoked, their
 * customer data erased: the user signs in on a desk set up anew, which registers as a new desk.
 */
export async function enableUser(
  db: ServerDb,
  principal: Principal,
  userId: string,
): Promise<{ userId: string; disabledAt: null }> {
  await userInScope(db, principal, userId);
  await db
    .updateTable('users')
    .set({ disabled_at: null })
    .where('id', '=', userId)
    .where('tenant_id', '=', principal.tenantId)
    .execute();
  return { userId, disabledAt: null };
}
