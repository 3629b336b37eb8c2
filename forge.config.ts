import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerZIP } from '@electron-forge/maker-zip';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { createPackageIgnore, runtimeModuleDirs, RUNTIME_EXTERNALS } from './forge.packaging';

// Packaging and installers for Windows (Squirrel) and macOS (DMG, ZIP). `npm start` runs the app
// from the Vite dev server; `npm run make` builds the installers.
const config: ForgeConfig = {
  packagerConfig: {
    name: 'After-Sales Desk',
    // No spaces in the binary's name: shortcuts, Squirrel and scripts quote paths unevenly.
    executableName: 'after-sales-desk',
    appBundleId: 'com.aftersalesdesk.desk',
    appCategoryType: 'public.app-category.business',
    asar: true,
    // Forge's Vite plugin would package `.vite/` only; ours also keeps the built renderer and the
    // native module with its run-time dependencies (see forge.packaging.ts). The filter is the
    // whole truth of what ships, so packager's own pruning is off.
    ignore: createPackageIgnore(runtimeModuleDirs(__dirname, RUNTIME_EXTERNALS)),
    prune: false,
  },
  rebuildConfig: {},
  makers: [new MakerSquirrel({}), new MakerDMG({ format: 'ULFO' }), new MakerZIP({}, ['darwin'])],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src/main/index.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src/main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // Issue 8: the import worker, a file of its own beside main.js (see vite.import-worker.config.ts).
        { entry: 'src/main/import/worker.ts', config: 'vite.import-worker.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // better_sqlite3.node cannot be loaded from inside the asar: unpack every .node file.
    new AutoUnpackNativesPlugin({}),
    // Flipped at package time, before signing: no running the binary as plain Node, no
    // NODE_OPTIONS or --inspect to inject code, and only our integrity-checked app.asar is loaded.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
