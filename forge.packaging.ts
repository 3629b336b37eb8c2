import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What goes into the packaged app besides the Vite bundles. Forge's Vite plugin packages only
 * `.vite/`, which is right for everything Vite bundles, but a native module cannot be bundled: the
 * main bundle keeps it external (vite.main.config.ts) and `require`s it at run time, so it and the
 * packages it needs must be copied into the app as real `node_modules`. Forge then rebuilds it for
 * Electron's ABI (prebuild-install, itself a dependency, fetches the matching binary) and
 * plugin-auto-unpack-natives moves the `.node` file out of the asar.
 */

/** Modules the main bundle loads at run time instead of bundling. */
export const RUNTIME_EXTERNALS: readonly string[] = ['better-sqlite3'];

/** Folders of the project the app needs besides node_modules: the bundles and the built renderer. */
const APP_PATHS = ['/.vite', '/dist/renderer', '/package.json'];

/** Compiler leftovers of a local native build: never loaded at run time, and most of the size. */
const BUILD_LEFTOVERS = /\/build\/(Release|Debug)\/(obj|obj\.target|\.deps)(\/|$)|\.(o|obj|a|pdb|iobj|ipdb)$/;

/**
 * The folders (as `/node_modules/...`, posix) of `roots` and everything they depend on at run
 * time, resolved the way Node resolves them (nested `node_modules` first, then up to the project).
 */
export function runtimeModuleDirs(projectDir: string, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = resolveModuleDir(projectDir, name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`packaging: ${name} is needed at run time but is not installed (npm install)`);
    }
    const rel = '/' + path.relative(projectDir, dir).split(path.sep).join('/');
    if (found.has(rel)) return;
    found.add(rel);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const root of roots) visit(root, projectDir, false);
  return [...found].sort();
}

function resolveModuleDir(projectDir: string, name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(projectDir) || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * An `@electron/packager` ignore function (true = leave out). Paths arrive relative to the project
 * with a leading `/` and forward slashes. A kept folder keeps its contents, and the folders that
 * lead to it (`/node_modules`, `/dist`) are kept so the copy can descend into them.
 */
export function createPackageIgnore(moduleDirs: readonly string[]): (file: string) => boolean {
  const kept = [...APP_PATHS, ...moduleDirs];
  return (file) => {
    if (!file) return false;
    if (BUILD_LEFTOVERS.test(file)) return true;
    return !kept.some((k) => file === k || file.startsWith(k + '/') || k.startsWith(file + '/'));
  };
}
