import type { ImportAnalysis, ImportPhase, ImportPreview, ImportResult } from '../../shared/data-io';
import type { Mapping } from './validate';

/** Messages between main (session.ts) and the import worker (worker.ts). */

export interface WorkerData {
  dbFile: string;
}

export type Request =
  | { type: 'analyse'; fileName: string; data: Uint8Array; sheet?: string; headerRow?: number }
  | { type: 'reanalyse'; sheet?: string; headerRow?: number }
  | { type: 'preview'; mapping: Mapping; offset: number; limit: number }
  | {
      type: 'run';
      mapping: Mapping;
      createMissing: boolean;
      skipBadRows: boolean;
      userId: number;
      now: string;
      /** Int32 flag: main sets it to 1 to cancel; the worker reads it between chunks. */
      cancel: SharedArrayBuffer;
    }
  | { type: 'skipped'; format: 'xlsx' | 'csv'; words: Record<string, string> };

export type Answer = Omit<ImportAnalysis, 'importId'> | ImportPreview | RunAnswer | { fileName: string; data: string };

export interface RunAnswer {
  phase: Extract<ImportPhase, 'done' | 'failed' | 'cancelled'>;
  result: ImportResult;
}

/** A refusal the renderer translates: `importer.error.<code>` (analyse, preview) or `importer.failure.<code>` (run). */
export interface WorkerError {
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: Answer }
  | { type: 'reply'; id: number; ok: false; error: WorkerError }
  | { type: 'progress'; phase: ImportPhase; done: number; total: number };

export type ToWorker = Request & { id: number };
