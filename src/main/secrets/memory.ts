import type { SecretStore } from './port';

/** Secrets in a map, for tests (and nothing else: they are lost when the process ends). */
export function memorySecretStore(): SecretStore & { readonly values: ReadonlyMap<string, string> } {
  const values = new Map<string, string>();
  return {
    kind: 'os',
    values,
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      if (value === null) values.delete(key);
      else values.set(key, value);
    },
  };
}
