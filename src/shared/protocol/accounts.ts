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
