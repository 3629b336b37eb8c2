import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { shell } from 'electron';
import { ApiError } from '../../shared/errors';
import type { StoredAttachment } from '../services/attachments';

/**
 * Opens an attachment with the system's viewer. The store keeps files under their content hash with
 * no extension, which no viewer recognises; so the file is copied to a temp folder under its
 * original name, checked against its hash, and opened from there. The api answers `{url: null}`:
 * nothing for the page to open.
 *
 * A file that could run as a program (an attached `.exe`, `.bat`, a shortcut) is never opened:
 * its folder is shown instead, so that opening a customer's e-mail attachment cannot start it.
 */

const RUNNABLE = new Set(
  ('.exe .com .bat .cmd .msi .msp .scr .pif .cpl .hta .jar .js .jse .vbs .vbe .wsf .wsh .ps1 .psm1 .lnk .url ' +
    '.reg .inf .app .command .sh .run .appimage .desktop .deb .rpm .pkg .dmg .scpt .action .workflow')
    .split(' '),
);

export function isRunnable(name: string): boolean {
  return RUNNABLE.has(extname(name).toLowerCase());
}

export async function openWithSystemViewer(
  file: StoredAttachment & { id: number },
  tempDir: string,
): Promise<{ url: null }> {
  const data = await readFile(file.path);
  if (createHash('sha256').update(data).digest('hex') !== file.sha256) {
    throw new ApiError('CONFLICT', `the file of attachment ${file.name} has been changed on disk; restore it from a backup`);
  }
  // One folder per attachment: two attachments with the same name never overwrite each other.
  const dir = join(tempDir, 'after-sales-desk', 'attachments', String(file.id));
  await mkdir(dir, { recursive: true });
  const target = join(dir, basename(file.name) || `attachment-${file.id}`);
  // Already there from an earlier open (perhaps still open in a viewer, which may lock it): keep it.
  const existing = await readFile(target).catch(() => null);
  if (!existing?.equals(data)) await writeFile(target, data);
  if (isRunnable(target)) {
    shell.showItemInFolder(target);
    return { url: null };
  }
  const error = await shell.openPath(target);
  if (error) throw new ApiError('CONFLICT', `the system could not open ${file.name}: ${error}`);
  return { url: null };
}
