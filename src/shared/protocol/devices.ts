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
  /** A revoked desk is refused its device grant: it cannot unwrap its cache key again. */
  revoked: z.boolean(),
  revokedAt: z.string().nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummary>;

export const deviceList = z.object({ devices: z.array(deviceSummary) });
