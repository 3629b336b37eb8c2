import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Substring and prefix matching with LIKE, escaping what the person typed so that `%` and `_`
 * match themselves. `ESCAPE` is standard SQL: the same text runs on SQLite and PostgreSQL.
 */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function like(column: string, pattern: 'contains' | 'startsWith' | 'endsWith' | 'equals', value: string): RawBuilder<SqlBool> {
  const v = escapeLike(value);
  const p = pattern === 'contains' ? `%${v}%` : pattern === 'startsWith' ? `${v}%` : pattern === 'endsWith' ? `%${v}` : v;
  return sql<SqlBool>`${sql.ref(column)} like ${p} escape '\\'`;
}
