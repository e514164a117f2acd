import { sql } from 'kysely';
import type { ServerDb } from '../db/schema';

/**
 * How many wrong passwords one account may take within a window before it is locked, and for
 * how long. On top of the per-address limit: an attacker spreading guesses over many addresses
 * still gets `attempts` per window per account. The lock ends by itself; the retailer admin can
 * lift it sooner.
 */
export interface LockoutPolicy {
  attempts: number;
  windowMs: number;
  lockMs: number;
}

export function lockoutPolicy(given: Partial<LockoutPolicy> = {}): LockoutPolicy {
  const env = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    attempts: given.attempts ?? env('KOE_SIGN_IN_LOCK_ATTEMPTS', 10),
    windowMs: given.windowMs ?? env('KOE_SIGN_IN_LOCK_WINDOW_MS', 15 * 60_000),
    lockMs: given.lockMs ?? env('KOE_SIGN_IN_LOCK_MS', 15 * 60_000),
  };
}

export type LockoutTables = {
  account_lockouts: {
    user_id: string;
    tenant_id: string;
    failures: number;
    window_started_at: string;
    locked_until: string | null;
  };
};

const lockouts = (db: ServerDb) => db.withTables<LockoutTables>();

/**
 * The account's sign-in record: until when it is locked (ISO time, null when it is not), and
 * whether failures are counted against it (a right password then clears them).
 */
export async function lockoutOf(
  db: ServerDb,
  userId: string,
  now = Date.now(),
): Promise<{ lockedUntil: string | null; counted: boolean }> {
  const row = await lockouts(db)
    .selectFrom('account_lockouts')
    .select('locked_until')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const until = row?.locked_until ?? null;
  return {
    lockedUntil: until !== null && until > new Date(now).toISOString() ? until : null,
    counted: row !== undefined,
  };
}

/** Until when the account is locked (ISO time), or null when it is not. */
export async function lockedUntil(
  db: ServerDb,
  userId: string,
  now = Date.now(),
): Promise<string | null> {
  return (await lockoutOf(db, userId, now)).lockedUntil;
}

/**
 * Counts a wrong password against the account; returns until when it is now locked, when this
 * failure locked it. Each step is one statement, so failures from several server processes at
 * once are all counted and the lock is set once.
 */
export async function recordFailedSignIn(
  db: ServerDb,
  user: { id: string; tenant_id: string },
  policy: LockoutPolicy,
  now = Date.now(),
): Promise<string | null> {
  const at = new Date(now).toISOString();
  const windowOpen = new Date(now - policy.windowMs).toISOString();
  const ldb = lockouts(db);
  await ldb
    .insertInto('account_lockouts')
    .values({
      user_id: user.id,
      tenant_id: user.tenant_id,
      failures: 1,
      window_started_at: at,
      locked_until: null,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        // A failure after the window closed starts a new one.
        failures: sql<number>`case when account_lockouts.window_started_at > ${windowOpen} then account_lockouts.failures + 1 else 1 end`,
        window_started_at: sql<string>`case when account_lockouts.window_started_at > ${windowOpen} then account_lockouts.window_started_at else ${at} end`,
      }),
    )
    .execute();
  const until = new Date(now + policy.lockMs).toISOString();
  const locked = await ldb
    .updateTable('account_lockouts')
    .set({ locked_until: until, failures: 0, window_started_at: at })
    .where('user_id', '=', user.id)
    .where('failures', '>=', policy.attempts)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) > 0 ? until : null;
}

/** A right password: the count starts again (a lock still in force is checked before). */
export async function clearFailedSignIns(db: ServerDb, userId: string): Promise<void> {
  await lockouts(db)
    .deleteFrom('account_lockouts')
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', new Date().toISOString())]),
    )
    .execute();
}

export interface LockedAccountRow {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  centerId: string | null;
  centerName: string | null;
  lockedUntil: string;
}

/** The tenant's accounts locked right now, soonest to unlock first. */
export async function listLockedAccounts(
  db: ServerDb,
  tenantId: string,
  now = Date.now(),
): Promise<LockedAccountRow[]> {
  const rows = await lockouts(db)
    .selectFrom('account_lockouts as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .leftJoin('centers as c', 'c.id', 'u.center_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.center_id',
      'c.name as center_name',
      'l.locked_until',
    ])
    .where('l.tenant_id', '=', tenantId)
    .where('u.tenant_id', '=', tenantId)
    .where('l.locked_until', '>', new Date(now).toISOString())
    .orderBy('l.locked_until')
    .orderBy('u.id')
    .limit(1_000)
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    centerId: r.center_id,
    centerName: r.center_name,
    lockedUntil: r.locked_until!,
  }));
}

/** Lifts the lock (and the count) of one of the tenant's accounts; false when none was locked. */
export async function unlockAccount(
  db: ServerDb,
  tenantId: string,
  userId: string,
  now = Date.now(),
): Promise<boolean> {
  const result = await lockouts(db)
    .deleteFrom('account_lockouts')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('locked_until', '>', new Date(now).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
