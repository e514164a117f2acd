import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Who is calling, taken from a verified access token; every query is scoped by it. */
export const principal = z.object({
  userId: z.string(),
  tenantId: z.string(),
  centerId: z.string().nullable(),
  /**
   * `operator`: whoever runs the server for several retailers, signed in with an operator key
   * (operator-routes.ts), never with an access token; its tenantId is empty.
   */
  role: z.enum(['agent', 'trainer', 'supervisor', 'retailer_admin', 'operator']),
});
export type Principal = z.infer<typeof principal>;

/**
 * What else a token says about itself, so it can be refused before it expires: the sign-in
 * (refresh family) and desk it was issued to, and when (milliseconds; tokens issued before
 * these claims existed have none, and count as issued a lifetime before they expire).
 */
export interface TokenOrigin {
  familyId?: string | undefined;
  deskId?: string | undefined;
  issuedAtMs?: number | undefined;
}

const tokenPayload = principal.extend({
  exp: z.number(),
  iat: z.number().optional(),
  fid: z.string().max(64).optional(),
  did: z.string().max(200).optional(),
});

export interface VerifiedToken {
  principal: Principal;
  /** When the token stops working on its own (ms since the epoch). */
  expiresAtMs: number;
  issuedAtMs: number;
  familyId: string | null;
  deskId: string | null;
}

/**
 * Short-lived: a stolen access token is useful for minutes; refresh tokens rotate. 15 minutes
 * unless KOE_ACCESS_TOKEN_SECONDS says otherwise (a test server sets seconds, so desks that
 * outlive their tokens are seen refreshing them without waiting a quarter of an hour).
 */
export const ACCESS_TOKEN_SECONDS = accessTokenSeconds(process.env.KOE_ACCESS_TOKEN_SECONDS);

/** The lifetime from its setting, at most a day; anything else stops the server with why. */
export function accessTokenSeconds(setting: string | undefined): number {
  if (setting === undefined || setting === '') return 15 * 60;
  const seconds = Number(setting);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
    throw new Error(
      `KOE_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 1 to 86400, not "${setting}".`,
    );
  return seconds;
}

/**
 * HMAC-SHA256 signed tokens (`payload.signature`, base64url). Stateless, so any server process
 * sharing the secret verifies them without a database read (revocation is checked against an
 * in-memory list, see revocation-list.ts).
 */
export function signAccessToken(
  p: Principal,
  secret: string,
  now = Date.now(),
  origin: TokenOrigin = {},
): string {
  const payload = Buffer.from(
    JSON.stringify({
      ...p,
      exp: Math.floor(now / 1000) + ACCESS_TOKEN_SECONDS,
      iat: origin.issuedAtMs ?? now,
      ...(origin.familyId ? { fid: origin.familyId } : {}),
      ...(origin.deskId ? { did: origin.deskId } : {}),
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifyAccessToken(
  token: string,
  secret: string,
  now = Date.now(),
): Principal | null {
  return readAccessToken(token, secret, now)?.principal ?? null;
}

/** The token's principal and origin, when its signature holds and it has not expired. */
export function readAccessToken(
  token: string,
  secret: string,
  now = Date.now(),
): VerifiedToken | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const parsed = tokenPayload.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    );
    if (!parsed.success || parsed.data.exp * 1000 <= now) return null;
    // No access token is ever signed for the operator: only its key makes one.
    if (parsed.data.role === 'operator') return null;
    const { exp, iat, fid, did, ...rest } = parsed.data;
    return {
      principal: rest,
      expiresAtMs: exp * 1000,
      issuedAtMs: iat ?? (exp - ACCESS_TOKEN_SECONDS) * 1000,
      familyId: fid ?? null,
      deskId: did ?? null,
    };
  } catch {
    return null;
  }
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
