import type { MethodInput } from '../../shared/contract';

/** Rule data as the api takes it: plain JSON (main validates it with the kind's schema). */
export type Json = MethodInput<'rules.save'>['data'];

/** Rule data is plain data already; the round trip drops `undefined` members JSON cannot hold. */
export function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
