import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldError } from '../../shared/errors';
import type { MailFormat } from './mail-import-read';

/**
 * An imported e-mail waits in the data folder (`staging/mail/<token>/`) between reading it and
 * registering the complaint: the original file, the attachments that will be kept, and what they
 * are (`meta.json`). Nothing of it is in the database until the complaint is saved; a draft the
 * person abandoned is swept after a week.
 */

export const STAGING_DAYS = 7;
const STAGING_MS = STAGING_DAYS * 24 * 3600_000;
/** A half-written staging folder (the app stopped while writing it) is swept after an hour. */
const PARTIAL_MS = 3600_000;

export interface StagedFile {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** The file inside the staging folder. */
  file: string;
}

export interface StagedMail {
  version: 1;
  token: string;
  createdAt: string;
  fileName: string;
  format: MailFormat;
  original: StagedFile;
  attachments: StagedFile[];
}

export const stagingRoot = (dataDir: string) => join(dataDir, 'staging', 'mail');
const TOKEN = /^[a-f0-9]{32}$/;
export const newToken = () => randomBytes(16).toString('hex');
const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Writes the folder under a temporary name and renames it when complete, so a token either names
 * a whole staged message or nothing.
 */
export function stageMail(
  dataDir: string,
  now: Date,
  m: { fileName: string; format: MailFormat; original: Buffer; attachments: Array<{ name: string; mime: string; data: Buffer }> },
): StagedMail {
  const root = stagingRoot(dataDir);
  mkdirSync(root, { recursive: true });
  const token = newToken();
  const tmp = join(root, `${token}.partial`);
  mkdirSync(tmp);
  try {
    const put = (file: string, name: string, mime: string, data: Buffer): StagedFile => {
      writeFileSync(join(tmp, file), data);
      return { name, mime, size: data.length, sha256: sha256Of(data), file };
    };
    const meta: StagedMail = {
      version: 1,
      token,
      createdAt: now.toISOString(),
      fileName: m.fileName,
      format: m.format,
      original: put(`original.${m.format}`, m.fileName, m.format === 'msg' ? 'application/vnd.ms-outlook' : 'message/rfc822', m.original),
      attachments: m.attachments.map((a, i) => put(`attachment-${i}`, a.name, a.mime, a.data)),
    };
    writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta));
    renameSync(tmp, join(root, token));
    return meta;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

const unknownToken = () =>
  fieldError('mailToken', 'mail_token_unknown', 'the imported e-mail is no longer waiting (older than a week, or already registered): import it again');

/** The staged message and its bytes, checked against what was staged; a stale or unknown token is a field error. */
export function loadStagedMail(dataDir: string, token: string, now: Date): StagedMail & { read(f: StagedFile): Buffer } {
  if (!TOKEN.test(token)) throw unknownToken();
  const dir = join(stagingRoot(dataDir), token);
  let meta: StagedMail;
  try {
    meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as StagedMail;
  } catch {
    throw unknownToken();
  }
  if (meta.version !== 1 || meta.token !== token || now.getTime() - Date.parse(meta.createdAt) > STAGING_MS) throw unknownToken();
  for (const f of [meta.original, ...meta.attachments]) {
    if (!existsSync(join(dir, f.file)) || statSync(join(dir, f.file)).size !== f.size) throw unknownToken();
  }
  return {
    ...meta,
    read(f) {
      const data = readFileSync(join(dir, f.file));
      if (sha256Of(data) !== f.sha256) throw unknownToken();
      return data;
    },
  };
}

export function removeStagedMail(dataDir: string, token: string): void {
  if (TOKEN.test(token)) rmSync(join(stagingRoot(dataDir), token), { recursive: true, force: true });
}

/** When a folder was staged: as its meta says (the app's clock), else as the file system says. */
function stagedAt(path: string): number {
  try {
    const at = Date.parse((JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8')) as StagedMail).createdAt);
    if (!Number.isNaN(at)) return at;
  } catch {
    // No meta (half-written or foreign): its modification time.
  }
  return statSync(path).mtimeMs;
}

/** Removes drafts older than a week and folders left half-written; answers how many went. */
export function sweepStagedMail(dataDir: string, now: Date): number {
  const root = stagingRoot(dataDir);
  if (!existsSync(root)) return 0;
  let removed = 0;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    try {
      const age = now.getTime() - stagedAt(path);
      if (age > (name.endsWith('.partial') ? PARTIAL_MS : STAGING_MS)) {
        rmSync(path, { recursive: true, force: true });
        removed++;
      }
    } catch {
      // Removed meanwhile by another call: nothing to do.
    }
  }
  return removed;
}
