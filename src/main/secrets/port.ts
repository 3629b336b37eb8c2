/**
 * The secret store port (issue 7: "the password in the operating system's secret store"). Main's
 * services keep secrets — today only the SMTP password — through this interface and never in the
 * database, the audit trail or an event. Implementations:
 *
 * - `src/main/electron/secret-store.ts`: Electron's `safeStorage` (Keychain on macOS, DPAPI on Windows, the Secret
 *   Service / KWallet on Linux) encrypts each value; the ciphertext lives in a file in the data dir.
 * - `memory.ts`: a map, for tests.
 * - `unavailable.ts`: the headless host and any computer without a usable keychain. It reports
 *   `unavailable` and refuses to store: the office sends its report as a draft there instead (or by
 *   an SMTP server that needs no login).
 */
export interface SecretStore {
  /** 'os': values are kept encrypted by the operating system; 'unavailable': nothing can be kept. */
  readonly kind: 'os' | 'unavailable';
  get(key: string): Promise<string | null>;
  /** Stores a value, or removes it with null. Throws SecretStoreUnavailable where nothing can be kept. */
  set(key: string, value: string | null): Promise<void>;
}

export class SecretStoreUnavailable extends Error {
  constructor() {
    super('this computer has no secret store that can keep a password');
    this.name = 'SecretStoreUnavailable';
  }
}
