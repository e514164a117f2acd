import { z } from 'zod';
import { printable } from '../domain/primitives';

export const role = z.enum(['agent', 'trainer', 'supervisor', 'retailer_admin']);
export type Role = z.infer<typeof role>;

export const signInRequest = z.object({
  email: printable(254).min(3),
  password: z.string().min(1).max(200),
});

export const refreshRequest = z.object({ refreshToken: z.string().min(10).max(200) });

export const session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresInSeconds: z.number().int(),
  user: z.object({
    id: z.string(),
    tenantId: z.string(),
    centerId: z.string().nullable(),
    role,
    displayName: z.string(),
    /**
     * The retailer's name as agents say it to customers (scripts greet with it). Optional: a
     * session kept from an older server has none.
     */
    retailerName: printable(200).optional(),
  }),
  /**
   * This desk's device grant (when the request named the desk): with the OS keychain, what
   * unwraps the desk's cache key. Refused (403 device_revoked) once the retailer revokes the desk.
   */
  deviceGrant: z.string().min(16).max(200).optional(),
});
export type Session = z.infer<typeof session>;

export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A more precise why, on some codes (`device_revoked`: see DeskRevocationReason). */
    reason: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

/** The error code of every request a revoked desk makes (sign-in, refresh, pull, stream…). */
export const DEVICE_REVOKED = 'device_revoked';
