import { z } from 'zod';

/**
 * `manifest.json`, written last into a backup's folder: what the backup is and every file's size and
 * SHA-256. A folder without it (or with one that does not parse) is an incomplete backup.
 */

/** Raised when the layout changes in a way an older version could not read. */
export const MANIFEST_FORMAT = 1;
export const MANIFEST_APP = 'after-sales-desk';

const fileEntry = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof fileEntry>;

/** What any version can read of a manifest: enough to say "made by a newer version". */
export const manifestHeadSchema = z.object({ app: z.literal(MANIFEST_APP), format: z.number().int().positive() });

export const manifestSchema = manifestHeadSchema.extend({
  appVersion: z.string(),
  /** The newest migration of the backed-up database, and all of them (in order). */
  schema: z.string(),
  migrations: z.array(z.string()),
  createdAt: z.string(),
  kind: z.enum(['manual', 'daily', 'safety']),
  counts: z.object({ complaints: z.number().int().nonnegative(), attachments: z.number().int().nonnegative() }),
  /** Attachments the database names whose files were missing or damaged in the data folder. */
  missingAttachments: z.array(z.string()).default([]),
  files: z.array(fileEntry),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Relative paths inside a backup, always with forward slashes, never leaving the folder. */
export function isSafeRelativePath(p: string): boolean {
  return !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === '' || s === '.') && !/^[A-Za-z]:/.test(p);
}
