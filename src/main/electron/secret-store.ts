import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage, shell } from 'electron';
import { SecretStoreUnavailable, type SecretStore } from '../secrets/port';

/**
 * Secrets kept by Electron's `safeStorage`: each value is encrypted with a key the operating system
 * holds (macOS Keychain, Windows DPAPI, Linux Secret Service or KWallet) and only the ciphertext is
 * written, to `secrets.json` in the data dir. Another user or another computer cannot decrypt it.
 *
 * On Linux without a keyring Electron falls back to a hard-coded key ("basic_text"): that is not a
 * secret store, so it counts as unavailable. Use only after the app is ready.
 */

export const SECRETS_FILE = 'secrets.json';

export function electronSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, SECRETS_FILE);
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const usable = () =>
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    get kind() {
      return usable() ? 'os' : 'unavailable';
    },
    async get(key) {
      const v = read()[key];
      if (!v || !usable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(v, 'base64'));
      } catch {
        // Encrypted by another user or computer (a copied data dir): as if none were stored.
        return null;
      }
    },
    async set(key, value) {
      if (value !== null && !usable()) throw new SecretStoreUnavailable();
      const all = read();
      if (value === null) delete all[key];
      else all[key] = safeStorage.encryptString(value).toString('base64');
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}

/** The Electron shell's mail ports: this secret store, and drafts opened with the default mail program. */
export function electronMailPorts(dataDir: string): { secrets: SecretStore; openDraft(path: string): Promise<{ url: null }> } {
  return {
    secrets: electronSecretStore(dataDir),
    async openDraft(path) {
      const error = await shell.openPath(path);
      // No program for .eml files: show the file, so the person can drag it into his mail program.
      if (error) shell.showItemInFolder(path);
      return { url: null };
    },
  };
}
