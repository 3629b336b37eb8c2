import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createDeskApp, type DeskApp } from '../app';
import { createHostPdfPrinter } from './pdf-printer';
import { startHost, type Host } from './server';
import { defaultUserDataDir } from './user-data-dir';

/**
 * `npm run serve`: the real app without Electron. Prints the URL (with its per-run token) to open in
 * a browser on this machine.
 *   --data DIR   the data folder (default: the desktop app's user-data folder)
 *   --port N     the port on 127.0.0.1 (default: a free one)
 *   --chromium F the Chromium that makes PDFs (default: $CHROMIUM_PATH or /usr/bin/chromium)
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      static: { type: 'string' },
      chromium: { type: 'string' },
    },
  });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
  const dataDir = resolve(values.data ?? defaultUserDataDir());
  // Chromium starts once the host has been idle a few seconds, so that the first PDF does not wait for it.
  const printer = createHostPdfPrinter({ executablePath: values.chromium ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', warmAfterMs: 10_000 });
  // After a restore is staged the app restarts in this process: same port, same token, same page.
  const hosting: { host?: Host } = {};
  const open = (): Promise<DeskApp> =>
    createDeskApp({
      dataDir,
      version: pkg.version,
      printer,
      shell: {
        restart: () => {
          hosting.host?.restart(open).catch((e: unknown) => {
            console.error('the app could not start again after the restore', e);
            process.exit(1);
          });
        },
      },
    });
  const app = await open();
  const host = await startHost({ app, staticDir: resolve(values.static ?? 'dist/renderer'), port });
  hosting.host = host;
  printer.attach(host);
  console.log(`After-Sales Desk (headless host)\n  data: ${dataDir}\n  open: ${host.url}`);
  const stop = async () => {
    await host.close();
    await printer.close();
    await host.app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
