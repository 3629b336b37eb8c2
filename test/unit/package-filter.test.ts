import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPackageIgnore, runtimeModuleDirs, RUNTIME_EXTERNALS } from '../../forge.packaging';

// What the packaged app contains: the bundles, the built renderer, and the native module with
// what it needs at run time (Forge's Vite plugin alone would ship no node_modules at all).

const root = path.resolve(__dirname, '../..');

describe('package filter', () => {
  const modules = runtimeModuleDirs(root, RUNTIME_EXTERNALS);
  const ignore = createPackageIgnore(modules);

  it('finds better-sqlite3 and the modules it loads with', () => {
    expect(modules).toEqual(
      expect.arrayContaining(['/node_modules/better-sqlite3', '/node_modules/bindings', '/node_modules/file-uri-to-path']),
    );
    expect(modules).not.toContain('/node_modules/react');
  });

  it('keeps the bundles, the renderer and the native module', () => {
    for (const kept of [
      '/package.json',
      '/.vite',
      '/.vite/build/main.js',
      '/dist',
      '/dist/renderer/index.html',
      '/node_modules',
      '/node_modules/better-sqlite3/lib/index.js',
      '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      '/node_modules/bindings/bindings.js',
    ]) {
      expect(ignore(kept), kept).toBe(false);
    }
  });

  it('leaves out sources, tests, other modules and compiler leftovers', () => {
    for (const left of [
      '/src/main/index.ts',
      '/test/unit/x.test.ts',
      '/forge.config.ts',
      '/dist/other',
      '/out/make',
      '/node_modules/.bin/vite',
      '/node_modules/react/index.js',
      '/node_modules/electron/dist',
      '/node_modules/better-sqlite3/build/Release/obj.target/sqlite3/x.o',
      '/node_modules/better-sqlite3/build/Release/sqlite3.a',
    ]) {
      expect(ignore(left), left).toBe(true);
    }
  });
});
