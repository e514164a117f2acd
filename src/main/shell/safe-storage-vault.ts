import { safeStorage } from 'electron';
import type { KeyVault } from '../core/cache-key';

/**
 * The cache key's seal: Electron safeStorage, i.e. the OS keychain (DPAPI on Windows, the
 * Keychain on macOS, libsecret or KWallet on Linux). On Linux without a secret service
 * safeStorage falls back to `basic_text`, a fixed key anyone can read: refused, and the cache
 * is then kept for this run only.
 */
export function safeStorageKeyVault(platform: NodeJS.Platform = process.platform): KeyVault {
  return {
    kind: 'os-keychain',
    refusal() {
      if (!safeStorage.isEncryptionAvailable()) return 'no_keychain';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return 'no_keychain';
      }
      return null;
    },
    seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
