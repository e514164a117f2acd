import { z } from 'zod';

/**
 * Why the retailer revoked a desk, as its `403 device_revoked` answer says (`error.reason`) and
 * the desk's lock screen words it: removed by the admin or a supervisor, its center's contract
 * ended, or the user who last signed in at it was disabled.
 */
export const deskRevocationReason = z.enum(['device_revoked', 'center_disabled', 'user_disabled']);
export type DeskRevocationReason = z.infer<typeof deskRevocationReason>;

/** A desk registered with the retailer, as its admin and the center's supervisor list it. */
export const deviceSummary = z.object({
  deskId: z.string(),
  centerId: z.string().nullable(),
  /** The center's name, as the retailer named it (null for a desk no center's user signed in at). */
  centerName: z.string().nullable(),
  /** The user whose first sign-in registered the desk, and the one who signed in last. */
  registeredBy: z.string(),
  lastUserId: z.string(),
  registeredAt: z.string(),
  lastSeenAt: z.string(),
  /** The last user's name, as the admin knows them (null when the user is gone). */
  lastUserName: z.string().nullable(),
  /** The Koe version the desk reported at its last pull (null before its first pull). */
  version: z.string().nullable(),
  /** The desk's last contact: its last sign-in, refresh or pull, whichever came last. */
  lastContactAt: z.string(),
  /** A revoked desk is refused its device grant: it cannot unwrap its cache key again. */
  revoked: z.boolean(),
  revokedAt: z.string().nullable(),
  /** Why it was revoked (null while it is not). */
  revokedReason: deskRevocationReason.nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummary>;

export const deviceList = z.object({ devices: z.array(deviceSummary) });
