import { z } from 'zod';

/** A desk registered with the retailer, as its admin and the center's supervisor list it. */
export const deviceSummary = z.object({
  deskId: z.string(),
  centerId: z.string().nullable(),
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
});
export type DeviceSummary = z.infer<typeof deviceSummary>;

export const deviceList = z.object({ devices: z.array(deviceSummary) });
