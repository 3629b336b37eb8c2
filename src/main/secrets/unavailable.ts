import { SecretStoreUnavailable, type SecretStore } from './port';

/**
 * Where no secret store can be used (the headless host; a Linux desktop without a keyring): nothing
 * is kept. Removing is allowed (there is nothing to remove); storing refuses, so that a password is
 * never kept in plain text by accident.
 */
export function unavailableSecretStore(): SecretStore {
  return {
    kind: 'unavailable',
    get: async () => null,
    set: async (_key, value) => {
      if (value !== null) throw new SecretStoreUnavailable();
    },
  };
}
