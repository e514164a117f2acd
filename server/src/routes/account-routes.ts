import {
  lockedAccountList,
  unlockResult,
  userAccess,
  type LockedAccount,
} from '../../../src/shared/protocol/accounts';
import { listLockedAccounts, unlockAccount } from '../auth/account-lockout';
import { revokeRefreshTokensOf } from '../auth/refresh-tokens';
import type { RevocationList } from '../auth/revocation-list';
import type { ServerStore } from '../db/connect';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';

/**
 * The retailer admin's view of sign-in: the accounts locked after too many wrong passwords (and
 * until when), lifting a lock, and switching a user off (their sessions end at once, on every
 * server process) or on again.
 */
export function accountRoutes({
  store,
  revocations,
}: {
  store: ServerStore;
  revocations: RevocationList;
}): RouteSpec[] {
  const db = store.db;
  const userOf = async (tenantId: string, userId: string) => {
    const user = await db
      .selectFrom('users')
      .select(['id', 'disabled_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new HttpError(404, 'not_found', 'No such user at this retailer.');
    return user;
  };
  const userIdOf = (params: unknown) => {
    const { userId } = params as { userId: string };
    if (userId.length > 200)
      throw new HttpError(400, 'invalid_request', 'The user id is too long.');
    return userId;
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/v1/admin/accounts/locked',
      summary: 'List accounts locked after too many wrong passwords, with when each lock ends',
      roles: ['retailer_admin'],
      response: lockedAccountList,
      handler: async ({ principal }) => ({
        accounts: (await listLockedAccounts(db, principal.tenantId)) as LockedAccount[],
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/accounts/:userId/unlock',
      summary: 'Unlock an account before its lock ends',
      roles: ['retailer_admin'],
      response: unlockResult,
      errors: { '404': 'No such user at this retailer (not_found)' },
      handler: async ({ principal, request }) => {
        const userId = userIdOf(request.params);
        await userOf(principal.tenantId, userId);
        return { userId, unlocked: await unlockAccount(db, principal.tenantId, userId) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/users/:userId/disable',
      summary: "Disable a user: no sign-in, and the user's sessions stop working at once",
      roles: ['retailer_admin'],
      response: userAccess,
      errors: {
        '404': 'No such user at this retailer (not_found)',
        '400': 'An invalid user id, or the admin named themselves (cannot_disable_self)',
      },
      handler: async ({ principal, request }) => {
        const userId = userIdOf(request.params);
        if (userId === principal.userId)
          throw new HttpError(400, 'cannot_disable_self', 'An admin cannot disable themselves.');
        const user = await userOf(principal.tenantId, userId);
        const disabledAt = user.disabled_at ?? new Date().toISOString();
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('users')
            .set({ disabled_at: disabledAt })
            .where('id', '=', userId)
            .where('tenant_id', '=', principal.tenantId)
            .execute();
          await revokeRefreshTokensOf(trx, userId);
        });
        await revocations.revoke({ tenantId: principal.tenantId, kind: 'user', subject: userId });
        return { userId, disabledAt };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/users/:userId/enable',
      summary: 'Enable a disabled user again (they sign in anew)',
      roles: ['retailer_admin'],
      response: userAccess,
      errors: { '404': 'No such user at this retailer (not_found)' },
      handler: async ({ principal, request }) => {
        const userId = userIdOf(request.params);
        await userOf(principal.tenantId, userId);
        await db
          .updateTable('users')
          .set({ disabled_at: null })
          .where('id', '=', userId)
          .where('tenant_id', '=', principal.tenantId)
          .execute();
        return { userId, disabledAt: null };
      },
    }),
  ];
}
