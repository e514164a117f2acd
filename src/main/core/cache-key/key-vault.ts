import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Where the desk's wrapped cache key is sealed before it touches the disk: the OS keychain
 * (Electron safeStorage: DPAPI, Keychain, libsecret/KWallet) in the app.
 */
export interface KeyVault {
  /** 'stand-in' says plainly that no keychain protects the seal (plain Node: tests, benches). */
  readonly kind: 'os-keychain' | 'stand-in';
  /**
   * Null when sealing is safe here. 'no_keychain' where the vault would only obfuscate (Linux
   * without a secret service: safeStorage's `basic_text`): no key may be stored then.
   */
  refusal(): 'no_keychain' | null;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/**
 * A vault for plain Node (tests, benches, the browser harness): AES-256-GCM under a key made
 * from a secret it is given. It protects nothing a keychain would; its kind says so.
 */
export function standInKeyVault(secret = 'koe stand-in vault (not a keychain)'): KeyVault {
  const key = createHash('sha256').update(secret).digest();
  return {
    kind: 'stand-in',
    refusal: () => null,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}
