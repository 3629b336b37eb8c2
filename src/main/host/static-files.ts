import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Serving the built renderer: a path-traversal check, content types, and index.html as the fallback. */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed asset names may be cached; index.html never is. */
  immutable: boolean;
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const base = resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const target = resolve(join(base, normalize(rel)));
  if (target !== base && !target.startsWith(base + sep)) return null;
  const file = (await isFile(target)) ? target : join(base, 'index.html');
  if (!(await isFile(file))) return null;
  return {
    body: await readFile(file),
    type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    immutable: file.includes(`${sep}assets${sep}`),
  };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
