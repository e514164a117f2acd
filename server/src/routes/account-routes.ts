import {
  lockedAccountList,
  unlockResult,
  userAccess,
  userDisabled,
  userList,
  type LockedAccount,
} from '../../../src/shared/protocol/accounts';
import { listLockedAccounts, unlockAccount } from '../auth/account-lockout';
import type { RevocationList } from '../auth/revocation-list';
import { latestSequence } from '../data/change-log';
import { disableUser, enableUser, listUsers } from '../data/users';
import type { ServerStore } from '../db/connect';
import { defineRoute, HttpError, SUPERVISOR_ROLES, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

/**
 * The retailer admin's view of sign-in: the accounts locked after too many wrong passwords (and
 * until when), lifting a lock; the users, switching one off (their sessions end at once, on
 * every server process, and their desks erase) or on again (a supervisor: their center's agents).
 */
export function accountRoutes({
  store,
  revocations,
  notifier,
}: {
  store: ServerStore;
  revocations: RevocationList;
  notifier: ChangeNotifier;
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
      method: 'GET',
      url: '/v1/admin/users',
      summary:
        "The retailer's users with their center, status and last sign-in (a supervisor sees their own center's agents)",
      roles: SUPERVISOR_ROLES,
      response: userList,
      handler: async ({ principal }) => ({ users: await listUsers(db, principal) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/users/:userId/disable',
      summary:
        "Disable a user: no sign-in, their sessions stop at once, and the desks they last signed in at push their outboxes and erase their customer data at their next contact (a supervisor: their own center's agents)",
      roles: SUPERVISOR_ROLES,
      response: userDisabled,
      errors: {
        '404': 'No such user at this retailer, or outside the supervisor’s center (not_found)',
        '400': 'An invalid user id, or the caller named themselves (cannot_disable_self)',
      },
      handler: async ({ principal, request }) => {
        const disabled = await disableUser(db, principal, userIdOf(request.params));
        // After the commit: the user's access tokens stop in every process at once, and every
        // online desk pulls within seconds; the revoked ones are told (device_revoked) and erase.
        await revocations.revoke({
          tenantId: principal.tenantId,
          kind: 'user',
          subject: disabled.userId,
        });
        if (disabled.revokedDesks.length > 0)
          await notifier.publish(principal.tenantId, await latestSequence(db, principal.tenantId));
        return {
          userId: disabled.userId,
          disabledAt: disabled.disabledAt,
          revokedDesks: disabled.revokedDesks.length,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/users/:userId/enable',
      summary:
        'Enable a disabled user again: they sign in anew (desks erased at the disabling stay erased; a new sign-in registers a desk set up anew)',
      roles: SUPERVISOR_ROLES,
      response: userAccess,
      errors: {
        '404': 'No such user at this retailer, or outside the supervisor’s center (not_found)',
      },
      handler: async ({ principal, request }) =>
        enableUser(db, principal, userIdOf(request.params)),
    }),
  ];
}
