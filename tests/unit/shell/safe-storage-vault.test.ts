import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Electron's safeStorage cannot exist under Node: this mock stands in for it (and says so), with
 * the backends Electron reports on Linux. What is tested is Koe's decision, not the keychain.
 */
const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
};
vi.mock('electron', () => ({ safeStorage }));

const { safeStorageKeyVault } = await import('../../../src/main/shell/safe-storage-vault');

describe('the OS keychain vault (safeStorage)', () => {
  beforeEach(() => {
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
  });

  it('keeps keys where a real keychain protects them', () => {
    expect(safeStorageKeyVault('linux').refusal()).toBeNull();
    safeStorage.backend = 'kwallet6';
    expect(safeStorageKeyVault('linux').refusal()).toBeNull();
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const vault = safeStorageKeyVault('linux');
    expect(vault.open(vault.seal(key)).equals(key)).toBe(true);
    expect(vault.kind).toBe('os-keychain');
  });

  it("refuses Linux's basic_text fallback (a fixed key anyone can read) and no encryption at all", () => {
    safeStorage.backend = 'basic_text';
    expect(safeStorageKeyVault('linux').refusal()).toBe('no_keychain');
    safeStorage.available = false;
    safeStorage.backend = 'gnome_libsecret';
    expect(safeStorageKeyVault('darwin').refusal()).toBe('no_keychain');
  });
});
