import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { HttpError } from '../http/route';
import { noticeRevocationOnCommit } from '../auth/revocation-notice';
import {
  deskRevocationReason,
  type DeskRevocationReason,
  type DeviceSummary,
} from '../../../src/shared/protocol/devices';
import type { UpdateFeedTables } from '../routes/update-feed-routes';

export type DeviceTables = {
  devices: {
    tenant_id: string;
    desk_id: string;
    center_id: string | null;
    registered_by: string;
    last_user_id: string;
    grant: string;
    registered_at: string;
    last_seen_at: string;
    revoked: number;
    revoked_at: string | null;
    /** Why (0801): null on desks revoked before the reason was kept (read as device_revoked). */
    revoked_reason?: string | null;
  };
};

const devicesDb = (db: ServerDb) => db.withTables<DeviceTables>();

/** 32 random bytes: the desk derives the key that wraps its cache key from it (HKDF). */
const GRANT_BYTES = 32;

export interface SignedInUser {
  id: string;
  tenant_id: string;
  center_id: string | null;
}

/**
 * Registers the desk on its first sign-in to this retailer and returns its device grant; later
 * sign-ins and refreshes return the same grant and note who used the desk. A revoked desk is
 * refused: without the grant it cannot unwrap its cache key again.
 */
export async function deviceGrantFor(
  db: ServerDb,
  user: SignedInUser,
  deskId: string,
  now = new Date().toISOString(),
): Promise<string> {
  const dbx = devicesDb(db);
  await dbx
    .insertInto('devices')
    .values({
      tenant_id: user.tenant_id,
      desk_id: deskId,
      center_id: user.center_id,
      registered_by: user.id,
      last_user_id: user.id,
      grant: randomBytes(GRANT_BYTES).toString('base64url'),
      registered_at: now,
      last_seen_at: now,
      revoked: 0,
      revoked_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'desk_id']).doNothing())
    .execute();
  const device = await dbx
    .selectFrom('devices')
    .select(['grant', 'revoked'])
    .where('tenant_id', '=', user.tenant_id)
    .where('desk_id', '=', deskId)
    .executeTakeFirstOrThrow();
  if (Number(device.revoked) !== 0) {
    throw deskRevokedError(await deskRevocationOf(db, user.tenant_id, deskId));
  }
  await dbx
    .updateTable('devices')
    .set({
      last_user_id: user.id,
      last_seen_at: now,
      // An agent's desk belongs to the center it signs in from; an admin's sign-in moves nothing.
      ...(user.center_id ? { center_id: user.center_id } : {}),
    })
    .where('tenant_id', '=', user.tenant_id)
    .where('desk_id', '=', deskId)
    .execute();
  return device.grant;
}

/** The retailer admin sees every desk of the retailer; a supervisor those of their center. */
function scoped(db: ServerDb, principal: Principal) {
  let query = devicesDb(db).selectFrom('devices').where('tenant_id', '=', principal.tenantId);
  if (principal.role !== 'retailer_admin') {
    if (!principal.centerId)
      throw new HttpError(403, 'forbidden', 'A supervisor without a center.');
    query = query.where('center_id', '=', principal.centerId);
  }
  return query;
}

export async function listDevices(db: ServerDb, principal: Principal): Promise<DeviceSummary[]> {
  const rows = await scoped(db, principal)
    .select([
      'desk_id',
      'center_id',
      'registered_by',
      'last_user_id',
      'registered_at',
      'last_seen_at',
      'revoked',
      'revoked_at',
      'revoked_reason',
    ])
    .orderBy('registered_at')
    .orderBy('desk_id')
    .execute();
  if (rows.length === 0) return [];
  // The version and time of each desk's last pull, and its last user's name, read beside.
  const deskIds = rows.map((r) => r.desk_id);
  const pulls = await db
    .withTables<UpdateFeedTables>()
    .selectFrom('update_desks')
    .select(['desk_id', 'version', 'reported_at'])
    .where('tenant_id', '=', principal.tenantId)
    .where('desk_id', 'in', deskIds)
    .execute();
  const pullOf = new Map(pulls.map((p) => [p.desk_id, p]));
  const names = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('tenant_id', '=', principal.tenantId)
    .where('id', 'in', [...new Set(rows.map((r) => r.last_user_id))])
    .execute();
  const nameOf = new Map(names.map((u) => [u.id, u.display_name]));
  const centers = await db
    .selectFrom('centers')
    .select(['id', 'name'])
    .where('tenant_id', '=', principal.tenantId)
    .execute();
  const centerNameOf = new Map(centers.map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const pull = pullOf.get(r.desk_id);
    return {
      deskId: r.desk_id,
      centerId: r.center_id,
      centerName: r.center_id ? (centerNameOf.get(r.center_id) ?? null) : null,
      registeredBy: r.registered_by,
      lastUserId: r.last_user_id,
      registeredAt: r.registered_at,
      lastSeenAt: r.last_seen_at,
      lastUserName: nameOf.get(r.last_user_id) ?? null,
      version: pull?.version ?? null,
      lastContactAt: pull && pull.reported_at > r.last_seen_at ? pull.reported_at : r.last_seen_at,
      revoked: Number(r.revoked) !== 0,
      revokedAt: r.revoked_at,
      revokedReason: Number(r.revoked) !== 0 ? deskRevocationReasonOf(r.revoked_reason) : null,
    };
  });
}

/** Marks a desk revoked (within the caller's scope): its next sign-in or refresh is refused. */
export async function revokeDevice(
  db: ServerDb,
  principal: Principal,
  deskId: string,
  now = new Date().toISOString(),
): Promise<DeviceSummary> {
  const found = await scoped(db, principal)
    .select('desk_id')
    .where('desk_id', '=', deskId)
    .executeTakeFirst();
  if (!found) throw new HttpError(404, 'not_found', 'No such desk for this retailer or center.');
  await db
    .transaction()
    .execute((trx) =>
      revokeDesks(trx, { tenantId: principal.tenantId, deskId }, 'device_revoked', now),
    );
  const device = (await listDevices(db, principal)).find((d) => d.deskId === deskId);
  if (!device) throw new HttpError(404, 'not_found', 'No such desk for this retailer or center.');
  return device;
}

/** Which desks a revocation takes: one desk, a center's, or those a user last signed in at. */
export type DeskSelection = { tenantId: string } & (
  { deskId: string } | { centerId: string } | { lastUserId: string }
);

/**
 * Revokes the desks selected that are not revoked yet, with why, and answers their ids. Run
 * inside the transaction of the change that causes it (a center disabled, a user disabled), so
 * the desks are revoked if and only if it commits, and every server process hears of it at the
 * commit (revocation-notice.ts), whichever process or command made it: each keeps the revoked
 * desks in memory (revocation-list.ts). Each desk pushes what its outbox holds and erases its
 * customer data at its next contact (auth/revoked-desks.ts).
 */
export async function revokeDesks(
  db: ServerDb,
  selection: DeskSelection,
  reason: DeskRevocationReason,
  at: string,
): Promise<string[]> {
  const dbx = devicesDb(db);
  let query = dbx
    .selectFrom('devices')
    .select('desk_id')
    .where('tenant_id', '=', selection.tenantId)
    .where('revoked', '=', 0);
  if ('deskId' in selection) query = query.where('desk_id', '=', selection.deskId);
  else if ('centerId' in selection) query = query.where('center_id', '=', selection.centerId);
  else query = query.where('last_user_id', '=', selection.lastUserId);
  const deskIds = (await query.execute()).map((d) => d.desk_id);
  if (deskIds.length === 0) return [];
  await dbx
    .updateTable('devices')
    .set({ revoked: 1, revoked_at: at, revoked_reason: reason })
    .where('tenant_id', '=', selection.tenantId)
    .where('desk_id', 'in', deskIds)
    .where('revoked', '=', 0)
    .execute();
  await noticeRevocationOnCommit(db, selection.tenantId);
  return deskIds;
}

/** Why a desk was revoked, or null while it is not (or the retailer does not know it). */
export async function deskRevocationOf(
  db: ServerDb,
  tenantId: string,
  deskId: string,
): Promise<DeskRevocationReason | null> {
  const device = await devicesDb(db)
    .selectFrom('devices')
    .select(['revoked', 'revoked_reason'])
    .where('tenant_id', '=', tenantId)
    .where('desk_id', '=', deskId)
    .executeTakeFirst();
  return device && Number(device.revoked) !== 0
    ? deskRevocationReasonOf(device.revoked_reason)
    : null;
}

export const DEVICE_REVOKED_MESSAGE =
  'This desk has been removed by the retailer. Its customer data can no longer be opened here; ask your supervisor.';

/** The answer a revoked desk gets to everything but its record pushes, with why. */
export function deskRevokedError(reason: DeskRevocationReason | null): HttpError {
  return new HttpError(403, 'device_revoked', DEVICE_REVOKED_MESSAGE, {
    reason: reason ?? 'device_revoked',
  });
}

/** A stored reason as the API says it (null on desks revoked before it was kept). */
export const deskRevocationReasonOf = (stored: string | null | undefined): DeskRevocationReason => {
  const parsed = deskRevocationReason.safeParse(stored);
  return parsed.success ? parsed.data : 'device_revoked';
};
