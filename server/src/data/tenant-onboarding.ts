import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { oneLine } from '../../../src/shared/domain/primitives';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import { hashPassword } from '../auth/passwords';
import type { Kysely } from 'kysely';
import type { ServerDatabase, ServerDb } from '../db/schema';
import { HttpError } from '../http/route';
import { revokeDesks } from './devices';

/*
 * The operator's path: whoever runs the server for several retailers creates each retailer
 * (tenant) with its centers and first admin, adds centers, and disables a center when its
 * contract ends. The same functions serve `npm run server -- tenant …` and the operator API.
 */

/** Tenant and center ids end up in URLs, tokens and logs: lower-case letters, digits, hyphens. */
const slug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'use lower-case letters, digits and hyphens');

export const centerInput = z.object({ id: slug, name: oneLine(200).pipe(z.string().min(1)) });

export const MIN_PASSWORD_LENGTH = 12;

export const tenantOnboardingRequest = z.object({
  id: slug,
  name: oneLine(200).pipe(z.string().min(1)),
  /** How many days of customer history partner machines may keep (default 730). */
  retentionDays: z.number().int().min(1).max(3_650).optional(),
  centers: z.array(centerInput).min(1).max(200),
  admin: z.object({
    email: z.email().max(254),
    displayName: oneLine(200).pipe(z.string().min(1)),
    /** Omitted: one is generated and answered once. */
    password: z.string().min(MIN_PASSWORD_LENGTH).max(200).optional(),
  }),
});
export type TenantOnboardingRequest = z.infer<typeof tenantOnboardingRequest>;

const center = z.object({ id: z.string(), name: z.string(), disabledAt: z.string().nullable() });

export const onboardedTenant = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), retentionDays: z.number() }),
  centers: z.array(center),
  admin: z.object({ id: z.string(), email: z.string() }),
  /** Only when the password was generated: shown this once, never stored in the clear. */
  generatedPassword: z.string().optional(),
});
export type OnboardedTenant = z.infer<typeof onboardedTenant>;

export const tenantSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  centers: z.array(center.extend({ users: z.number() })),
  admins: z.number(),
});
export type TenantSummary = z.infer<typeof tenantSummary>;

export const disabledCenter = center.extend({
  tenantId: z.string(),
  /** Sign-ins of the center's users that were ended (their refresh tokens revoked). */
  revokedSessions: z.number(),
  /** The center's desks revoked by this disabling (they erase at their next contact). */
  revokedDesks: z.number(),
});
export type DisabledCenter = z.infer<typeof disabledCenter>;

/** Creates a retailer, its centers and its first admin, all or nothing. */
export async function onboardTenant(
  db: Kysely<ServerDatabase>,
  input: TenantOnboardingRequest,
  now = new Date(),
): Promise<OnboardedTenant> {
  const generatedPassword = input.admin.password
    ? undefined
    : randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(input.admin.password ?? generatedPassword!);
  const email = input.admin.email.trim().toLowerCase();
  const at = now.toISOString();
  const adminId = uuidV7();
  await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('tenants').select('id').where('id', '=', input.id).executeTakeFirst())
      throw new HttpError(409, 'tenant_exists', `A retailer with id ${input.id} already exists.`);
    await refuseTakenCenters(
      trx,
      input.centers.map((c) => c.id),
    );
    if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
      throw new HttpError(409, 'email_taken', `${email} already has an account.`);
    const retentionDays = input.retentionDays ?? 730;
    await trx
      .insertInto('tenants')
      .values({ id: input.id, name: input.name, retention_days: retentionDays, created_at: at })
      .execute();
    await trx.insertInto('tenant_sequences').values({ tenant_id: input.id, value: 0 }).execute();
    await trx
      .insertInto('centers')
      .values(input.centers.map((c) => ({ id: c.id, tenant_id: input.id, name: c.name })))
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: adminId,
        tenant_id: input.id,
        center_id: null,
        role: 'retailer_admin',
        email,
        display_name: input.admin.displayName,
        password_hash: passwordHash,
        created_at: at,
      })
      .execute();
  });
  return {
    tenant: { id: input.id, name: input.name, retentionDays: input.retentionDays ?? 730 },
    centers: input.centers.map((c) => ({ id: c.id, name: c.name, disabledAt: null })),
    admin: { id: adminId, email },
    ...(generatedPassword ? { generatedPassword } : {}),
  };
}

/** Adds a center to an existing retailer (a new contract). */
export async function addCenter(
  db: Kysely<ServerDatabase>,
  tenantId: string,
  input: z.infer<typeof centerInput>,
): Promise<z.infer<typeof center>> {
  await db.transaction().execute(async (trx) => {
    await requireTenant(trx, tenantId);
    await refuseTakenCenters(trx, [input.id]);
    await trx
      .insertInto('centers')
      .values({ id: input.id, tenant_id: tenantId, name: input.name })
      .execute();
  });
  return { id: input.id, name: input.name, disabledAt: null };
}

/**
 * Ends a center's contract: from now on its users cannot sign in, refresh or call the API with
 * a token they already hold (see center-status.ts), and every sign-in they have is revoked.
 * Disabling a disabled center again changes nothing and keeps the first date.
 */
export async function disableCenter(
  db: Kysely<ServerDatabase>,
  tenantId: string,
  centerId: string,
  now = new Date(),
): Promise<DisabledCenter> {
  return db.transaction().execute(async (trx) => {
    const row = await centerOf(trx, tenantId, centerId);
    const disabledAt = row.disabled_at ?? now.toISOString();
    if (!row.disabled_at) {
      await trx
        .updateTable('centers')
        .set({ disabled_at: disabledAt })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', centerId)
        .execute();
    }
    // The contract ended: the center's desks erase their customer data at their next contact
    // (a revoked desk, see auth/revoked-desks.ts), after pushing what their outboxes hold.
    const desks = await revokeDesks(trx, { tenantId, centerId }, 'center_disabled', disabledAt);
    const revoked = await trx
      .updateTable('refresh_tokens')
      .set({ revoked: 1 })
      .where('revoked', '=', 0)
      .where('user_id', 'in', (q) =>
        q
          .selectFrom('users')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('center_id', '=', centerId),
      )
      .executeTakeFirst();
    return {
      tenantId,
      id: row.id,
      name: row.name,
      disabledAt,
      revokedSessions: Number(revoked.numUpdatedRows),
      revokedDesks: desks.length,
    };
  });
}

/**
 * A center's contract again (renewed, or ended by mistake): its users can sign in again from the
 * next request (at once in the process that enables it, within `centerStatusTtlMs` in others).
 * Its desks revoked at the disabling stay revoked, their customer data erased: its users sign in
 * again on a desk set up anew, which registers as a new desk. Enabling an active center changes
 * nothing.
 */
export async function enableCenter(
  db: Kysely<ServerDatabase>,
  tenantId: string,
  centerId: string,
): Promise<z.infer<typeof center> & { tenantId: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await centerOf(trx, tenantId, centerId);
    await trx
      .updateTable('centers')
      .set({ disabled_at: null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', centerId)
      .execute();
    return { tenantId, id: row.id, name: row.name, disabledAt: null };
  });
}

export const enabledCenter = center.extend({ tenantId: z.string() });

/** Every retailer with its centers (and how many users each has), oldest first. */
export async function listTenants(db: ServerDb): Promise<TenantSummary[]> {
  const tenants = await db
    .selectFrom('tenants')
    .select(['id', 'name', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const centers = await db
    .selectFrom('centers')
    .leftJoin('users', 'users.center_id', 'centers.id')
    .select((eb) => [
      'centers.id',
      'centers.tenant_id',
      'centers.name',
      'centers.disabled_at',
      eb.fn.count<number>('users.id').as('users'),
    ])
    .groupBy(['centers.id', 'centers.tenant_id', 'centers.name', 'centers.disabled_at'])
    .orderBy('centers.id')
    .execute();
  const admins = await db
    .selectFrom('users')
    .select((eb) => ['tenant_id', eb.fn.countAll<number>().as('n')])
    .where('role', '=', 'retailer_admin')
    .groupBy('tenant_id')
    .execute();
  return tenants.map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: t.created_at,
    centers: centers
      .filter((c) => c.tenant_id === t.id)
      .map((c) => ({
        id: c.id,
        name: c.name,
        disabledAt: c.disabled_at ?? null,
        users: Number(c.users),
      })),
    admins: Number(admins.find((a) => a.tenant_id === t.id)?.n ?? 0),
  }));
}

/** A new operator API key, answered once; only its hash is kept. */
export async function createOperatorKey(
  db: ServerDb,
  name: string,
  now = new Date(),
): Promise<{ id: string; name: string; key: string }> {
  const key = `${OPERATOR_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = uuidV7();
  await db
    .insertInto('operator_keys')
    .values({
      id,
      name,
      key_hash: operatorKeyHash(key),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .execute();
  return { id, name, key };
}

/** Operator keys are told apart from retailer users' access tokens by this prefix. */
export const OPERATOR_KEY_PREFIX = 'koe_op_';

export function operatorKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The operator key's id, or null when the key is unknown or revoked. */
export async function operatorKeyId(db: ServerDb, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('operator_keys')
    .select('id')
    .where('key_hash', '=', operatorKeyHash(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** One of the retailer's centers, or 404 center_not_found (another retailer's is not found). */
async function centerOf(db: ServerDb, tenantId: string, centerId: string) {
  const row = await db
    .selectFrom('centers')
    .select(['id', 'name', 'disabled_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', centerId)
    .executeTakeFirst();
  if (!row)
    throw new HttpError(404, 'center_not_found', `Retailer ${tenantId} has no center ${centerId}.`);
  return row;
}

async function requireTenant(db: ServerDb, tenantId: string): Promise<void> {
  const tenant = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant) throw new HttpError(404, 'tenant_not_found', `No retailer ${tenantId}.`);
}

/** Center ids are unique across retailers (tokens and VoC rows carry them alone). */
async function refuseTakenCenters(db: ServerDb, ids: string[]): Promise<void> {
  if (new Set(ids).size !== ids.length)
    throw new HttpError(400, 'duplicate_center', 'Each center needs its own id.');
  const taken = await db.selectFrom('centers').select('id').where('id', 'in', ids).execute();
  if (taken.length > 0)
    throw new HttpError(
      409,
      'center_exists',
      `Center id ${taken.map((c) => c.id).join(', ')} is already in use.`,
    );
}
