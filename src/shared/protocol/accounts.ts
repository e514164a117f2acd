import { z } from 'zod';

/** An account locked after too many wrong passwords, as the retailer admin lists it. */
export const lockedAccount = z.object({
  userId: z.string().max(200),
  email: z.string().max(320),
  displayName: z.string().max(200),
  role: z.enum(['agent', 'trainer', 'supervisor', 'retailer_admin']),
  centerId: z.string().max(200).nullable(),
  centerName: z.string().max(200).nullable(),
  /** When the lock ends by itself (ISO time). */
  lockedUntil: z.string().max(40),
});
export type LockedAccount = z.infer<typeof lockedAccount>;

export const lockedAccountList = z.object({ accounts: z.array(lockedAccount).max(1_000) });
export type LockedAccountList = z.infer<typeof lockedAccountList>;

export const unlockResult = z.object({ userId: z.string().max(200), unlocked: z.boolean() });

/** A user switched off (or on again) by the retailer admin. */
export const userAccess = z.object({
  userId: z.string().max(200),
  disabledAt: z.string().max(40).nullable(),
});
export type UserAccess = z.infer<typeof userAccess>;

/**
 * A user of the retailer as the admin's users list shows them (a supervisor sees their own
 * center's agents only): name and its kana reading, role, center, whether disabled, and the
 * last sign-in (null before the first one the server recorded).
 */
export const userSummary = z.object({
  userId: z.string().max(200),
  displayName: z.string().max(200),
  nameKana: z.string().max(200).nullable(),
  email: z.string().max(320),
  role: z.enum(['agent', 'trainer', 'supervisor', 'retailer_admin']),
  centerId: z.string().max(200).nullable(),
  centerName: z.string().max(200).nullable(),
  disabledAt: z.string().max(40).nullable(),
  lastSignInAt: z.string().max(40).nullable(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userList = z.object({ users: z.array(userSummary).max(5_000) });

/** A user disabled: their sessions end, and the desks they last signed in at erase. */
export const userDisabled = userAccess.extend({
  /** The desks revoked by this disabling (they erase their customer data at their next contact). */
  revokedDesks: z.number().int(),
});
export type UserDisabled = z.infer<typeof userDisabled>;
