import type { ImportField } from './schemas/data-io';
import type { Customer, Contact } from './types';

/** Issue 8: what the import, export and backup methods answer. Each part owns its block. */

// ---- Spreadsheet import (owner: importer) -------------------------------------------------------

export interface ImportColumn {
  index: number;
  /** The header as the file has it (merged header cells joined), or "" when none. */
  header: string;
  /** A few values from the first rows, as text. */
  samples: string[];
}

export interface ImportAnalysis {
  importId: string;
  fileName: string;
  sheets: Array<{ name: string; rows: number }>;
  sheet: string;
  /** 1-based row number of the header row in the sheet. */
  headerRow: number;
  columns: ImportColumn[];
  /** The mapping suggested from the headers (Chinese or English). */
  suggested: Partial<Record<ImportField, number>>;
  /** Data rows below the header. */
  rowCount: number;
}

export interface ImportProblem {
  field: ImportField | 'row';
  /** An i18n code: `importer.problem.<code>`. */
  code: string;
  params?: Record<string, string | number>;
  /** The cell's value as text, when the problem is about one. */
  value?: string;
}

export interface ImportRowProblems {
  /** 1-based row number in the sheet, as the person sees it in Excel. */
  row: number;
  problems: ImportProblem[];
}

export interface ImportPreview {
  total: number;
  valid: number;
  invalid: number;
  /** Rows whose tracking number exists already (or repeats in the file). */
  duplicates: number;
  /** Customers and product models the file names that do not exist yet (created only after confirmation). */
  newCustomers: { count: number; names: string[] };
  newProducts: { count: number; names: string[] };
  /** Rows with problems, paged by the input's offset and limit. */
  problemRows: ImportRowProblems[];
  /**
   * Words the app did not know, imported with a default (an unknown category as `other`, an unknown
   * severity as `normal`, …): one entry per field and word, with the rows it stands in. The case keeps
   * the original word in its `imported` event.
   */
  warnings: ImportWarning[];
}

export interface ImportWarning {
  field: ImportField;
  /** The word as the file has it. */
  value: string;
  /** The code it was imported as (a value of the field's enum; `open` or `closed` for the status). */
  mappedTo: string;
  count: number;
  /** The first few rows (1-based sheet rows). */
  rows: number[];
}

export type ImportPhase = 'analysing' | 'validating' | 'writing' | 'done' | 'failed' | 'cancelled';

export interface ImportResult {
  created: number;
  skipped: number;
  customersCreated: number;
  productsCreated: number;
  /** Rows closed in the file (imported as closed cases), and cost lines written for Finance to vet. */
  closed: number;
  costLines: number;
  /** Why a run wrote nothing (an i18n code under `importer.failure.`), when it failed. */
  failure?: { code: string; params?: Record<string, string | number> };
}

export interface ImportStatus {
  importId: string;
  phase: ImportPhase;
  done: number;
  total: number;
  result: ImportResult | null;
}

// ---- E-mail import (owner: mail import) ---------------------------------------------------------

/** How the sender was matched: a contact with this address, another contact of the same company domain, or none. */
export type MailSenderMatch = 'contact' | 'domain' | 'none';

/** Remarks on what was read, shown with the draft (`mailImport.note.<code>`). */
export type MailNoteCode = 'received_clamped' | 'no_date' | 'no_address' | 'text_truncated';

export interface MailDraft {
  /** Keeps the parsed message in main until the complaint is registered (its attachments are added then). */
  token: string;
  fileName: string;
  format: 'eml' | 'msg';
  from: { name: string | null; address: string | null };
  subject: string;
  /** ISO instant, never in the future (a later date is brought back to the import's time, with a note). */
  receivedAt: string | null;
  text: string;
  /**
   * The HTML body as the message has it (inline images as data: URIs); the renderer shows it only
   * after DOMPurify, in a sandboxed frame, never running scripts or loading anything remote.
   */
  html: string | null;
  /** The attachments that will be kept with the complaint, besides the original message itself. */
  attachments: Array<{ index: number; name: string; mime: string; size: number; inline: boolean }>;
  /** Attachments that will not be kept, and why (`mailImport.skipped.<reason>`). */
  skipped: Array<{ name: string; size: number; reason: 'too_large' | 'empty' }>;
  notes: Array<{ code: MailNoteCode; params?: Record<string, string | number> }>;
  match: MailSenderMatch;
  /** The customer the sender belongs to ('contact') or probably belongs to ('domain'). */
  customer: Customer | null;
  /** The known contact with the sender's address ('contact' only). */
  contact: Contact | null;
}

// ---- Backup and restore (owner: backup) ---------------------------------------------------------

export type BackupKind = 'manual' | 'daily' | 'safety';

/**
 * Why a backup cannot be restored: `incomplete` (no complete manifest: interrupted, or not ours),
 * `damaged` (a file missing, truncated or changed; `file` names it; or the database fails SQLite's
 * integrity check), `newer_version` (made by a newer After-Sales Desk: its schema has migrations
 * this version does not know).
 */
export type BackupProblemCode = 'incomplete' | 'damaged' | 'newer_version';
export interface BackupProblem {
  code: BackupProblemCode;
  /** The backup's file the problem is about (relative path), when it is about one. */
  file?: string;
  /** English detail for the log (which check failed). */
  detail?: string;
}

export interface BackupSettings {
  /** Where backups go (the person chose it), or null before one was chosen. */
  folder: string | null;
  daily: boolean;
  /** How many daily backups rotation keeps. */
  keep: number;
  /** The newest good backup in the folder (any kind), or null. */
  lastBackupAt: string | null;
  /** The last failed backup (a daily one or one made by hand), until a backup succeeds. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** The data folder (database and attachments) and its size in bytes. */
  dataDir: string;
  dataBytes: number;
  /** The data folder sits on a network file system: SQLite's locking is not reliable there. */
  networkDrive: boolean;
  /** The backup folder is on a network share (fine for backups; said so the person knows). */
  folderNetworkDrive: boolean;
  /** Whether the shell can show a folder dialog (Electron); otherwise the page offers a text field. */
  canChooseFolder: boolean;
}

export interface BackupInfo {
  path: string;
  /** The backup's folder name. */
  name: string;
  createdAt: string;
  appVersion: string;
  /** The newest migration the backed-up database carries. */
  schema: string;
  complaints: number;
  attachments: number;
  bytes: number;
  kind: BackupKind;
  /**
   * `unverified`: the manifest is complete (the list reads only it); `good`: every checksum, the
   * database's integrity and its version were checked; otherwise the problem's code.
   */
  status: 'good' | 'unverified' | BackupProblemCode;
  problem: BackupProblem | null;
  /** Attachments the database names whose files were missing or damaged in the data folder when it was made. */
  missingAttachments: number;
  /** How long making it took (ms), for `backup.create`. */
  durationMs?: number;
}
