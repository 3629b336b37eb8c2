import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the renderer comes from, and therefore which URLs are "ours": the Vite dev server under
 * `electron-forge start`, the built index.html inside the package otherwise. The IPC sender check,
 * the navigation guard and the CSP all ask this one place.
 */
export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; indexFile: string };

export function devServerLocation(url: string): RendererLocation {
  const origin = new URL(url).origin;
  // An opaque origin ("null") would match every other opaque origin; refuse it outright.
  if (origin === 'null') throw new Error(`dev server URL has no origin: ${url}`);
  return { kind: 'dev-server', url };
}

/**
 * The packaged renderer. Forge's convention is `.vite/renderer/<name>/index.html`; our
 * vite.renderer.config.ts builds once into `dist/renderer` for both shells (the headless host
 * serves the same files), and its `outDir` wins over Forge's. Take whichever the build produced,
 * Forge's first, so the shell keeps working if the renderer config moves to the convention.
 */
export function packagedLocation(mainDir: string, rendererName: string): RendererLocation {
  const forgeIndex = path.join(mainDir, '..', 'renderer', rendererName, 'index.html');
  const sharedIndex = path.join(mainDir, '..', '..', 'dist', 'renderer', 'index.html');
  return { kind: 'file', indexFile: existsSync(forgeIndex) ? forgeIndex : sharedIndex };
}

/** True when `url` is our renderer: same origin as the dev server, or exactly our index file. */
export function isOwnUrl(location: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === new URL(location.url).origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  // The renderer may route with the hash or a query; the document itself must be our index.html,
  // not any other file:// page (every file on disk shares the opaque file origin).
  parsed.hash = '';
  parsed.search = '';
  try {
    return samePath(fileURLToPath(parsed), location.indexFile);
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => (process.platform === 'win32' ? path.resolve(p).toLowerCase() : path.resolve(p));
  return norm(a) === norm(b);
}
