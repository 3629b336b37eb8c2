import { z } from 'zod';
import { TRACKING_COLUMNS, trackingFilterSchema, sortModelSchema } from './grid';
import { text } from './common';

/**
 * Issue 8, moving in and keeping data safe: inputs of the import of a complaints spreadsheet, the
 * import of e-mails, the export of the tracking table, backup and restore. Each part owns its block.
 */

/** The largest file taken in one go (a spreadsheet of many years, an e-mail with attachments). */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;

const fileName = text(255).refine((n) => !/[\\/\0]/.test(n), { params: { code: 'file_name' }, message: 'a file name, not a path' });
/** A file's bytes, base64. */
const fileData = z
  .string()
  .refine((d) => d.length <= Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, {
    params: { code: 'file_too_large', max: MAX_IMPORT_BYTES / 1024 / 1024 },
    message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
  })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'not base64' });
export const fileUploadSchema = z.object({ fileName, data: fileData });

// ---- Spreadsheet import (owner: importer) -------------------------------------------------------

/** What a column of the old tracking table can fill in. */
export const IMPORT_FIELDS = [
  'trackingNo',
  'receivedAt',
  'channel',
  'customerName',
  'customerRegion',
  'contactName',
  'contactPhone',
  'contactEmail',
  'productModel',
  'serialNo',
  'deliveryDate',
  'description',
  'defectCategory',
  'severity',
  'status',
  'closedAt',
  'amount',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const importId = z.string().regex(/^[a-z0-9-]{8,64}$/, { message: 'not an import id' });
/** Field → column index (0-based) of the chosen sheet; a field left out is not imported. */
export const importMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(999));

export const importAnalyseSchema = fileUploadSchema.extend({
  /** Analyse again the file an earlier call kept (another sheet or header row): its data is not sent again. */
  importId: importId.optional(),
  /** Another sheet or header row than the one suggested. */
  sheet: z.string().max(100).optional(),
  headerRow: z.number().int().min(1).max(50).optional(),
});
export const importPreviewSchema = z.object({
  importId,
  mapping: importMappingSchema,
  /** The page of rows with problems to answer. */
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export const importRunSchema = z.object({
  importId,
  mapping: importMappingSchema,
  /** The person confirmed creating the customers and product models the file names that do not exist. */
  createMissing: z.boolean(),
  /** Write the good rows and leave out the bad ones (listed in a file); otherwise one bad row writes nothing. */
  skipBadRows: z.boolean(),
});
export const importIdSchema = z.object({ importId });
export const importSkippedSchema = z.object({
  importId,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /**
   * The words of the problems column in the person's language (main keeps no screen words):
   * `header` (the problems column), `row` (the row-number column), `fileSuffix`, `field.<field>`,
   * `problem.<code>` (with {{param}} placeholders). A missing word is the code.
   */
  words: z.record(z.string().max(80), z.string().max(300)).default({}),
});

// ---- E-mail import (owner: mail import) ---------------------------------------------------------

export const mailParseSchema = fileUploadSchema;

// ---- Export of the tracking table (owner: exporter) ---------------------------------------------

/**
 * The columns the tracking table can show: the server's own (sortable, filterable) and the three the
 * screen works out from the row (age in days, the next step by the case's state, the owner's name).
 */
export const EXPORT_COLUMNS = [...TRACKING_COLUMNS, 'age', 'nextStep', 'ownerName'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** More rows than this are refused: narrow the table with a filter or a view first. */
export const MAX_EXPORT_ROWS = 200_000;

export const trackingExportSchema = trackingFilterSchema.extend({
  sortModel: sortModelSchema.default([]),
  format: z.enum(['xlsx', 'csv']),
  /** The columns as the person sees them, in order, with their headers in the person's language. */
  columns: z
    .array(
      z.object({
        colId: z.enum(EXPORT_COLUMNS),
        header: z.string().max(200),
        /** The column's width on screen in pixels; the sheet's column is about as wide. */
        width: z.number().int().min(10).max(4000).optional(),
      }),
    )
    .min(1)
    .max(EXPORT_COLUMNS.length)
    .refine((cols) => new Set(cols.map((c) => c.colId)).size === cols.length, {
      params: { code: 'export_duplicate_column' },
      message: 'a column is named twice',
    }),
  /**
   * Words for coded values (state, severity, …) in the person's language: column → code → label.
   * `nextStep` is keyed by the case's state.
   */
  labels: z.partialRecord(z.enum(EXPORT_COLUMNS), z.record(z.string().max(60), z.string().max(200))).default({}),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

// ---- Backup and restore (owner: backup) ---------------------------------------------------------

/** A folder on this computer or a share, as the person chose or typed it. */
const folderPath = z.string().trim().min(1).max(1000);
export const backupSettingsSaveSchema = z.object({
  folder: folderPath.nullable(),
  daily: z.boolean(),
  keep: z.number().int().min(1).max(365),
});
export const backupCreateSchema = z.object({ folder: folderPath.optional() });
export const backupListSchema = z.object({ folder: folderPath.optional() });
export const backupPathSchema = z.object({ path: folderPath });
