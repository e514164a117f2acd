import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The cache's data key wrapped under the retailer's device grant: AES-256-GCM with a key
 * derived by HKDF-SHA256 from the grant (a fresh salt per wrap). Without the grant the data
 * key cannot be recovered, whatever else of the data folder someone has.
 */
const wrap = z.object({
  /** The first bytes of SHA-256(grant): which grant this wrap needs (not secret). */
  grantId: z.string(),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  key: z.string(),
});
export type GrantWrap = z.infer<typeof wrap>;

/**
 * What the key file holds (sealed by the vault as a whole). Normally one wrap; while a new grant
 * replaces the old one, both, so a crash between the two file writes loses nothing. Before the
 * desk's first sign-in there is no grant yet: `unbound` keeps the key under the vault alone until
 * the first grant arrives (the cache holds no retailer data before that sign-in).
 */
export const keyFileContent = z.object({
  version: z.literal(1),
  wraps: z.array(wrap),
  unbound: z.string().optional(),
});
export type KeyFileContent = z.infer<typeof keyFileContent>;

const INFO = Buffer.from('koe cache key wrap v1');

export function grantId(grant: string): string {
  return createHash('sha256').update(grant).digest('base64url').slice(0, 12);
}

function kek(grant: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(grant), salt, INFO, 32));
}

export function wrapUnderGrant(dataKey: Buffer, grant: string): GrantWrap {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(grant, salt), iv);
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    grantId: grantId(grant),
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    key: key.toString('base64'),
  };
}

/** The data key, or null when this grant does not open this wrap (GCM's tag says so). */
export function unwrapWithGrant(w: GrantWrap, grant: string): Buffer | null {
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      kek(grant, Buffer.from(w.salt, 'base64')),
      Buffer.from(w.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(w.key, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
