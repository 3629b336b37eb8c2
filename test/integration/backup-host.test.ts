import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { startHost, TOKEN_HEADER, type Host } from '../../src/main/host/server';
import type { ApiResult } from '../../src/shared/errors';
import { makeTempDir, onCleanup } from './helpers';

/**
 * The host's restart after a restore (issue 8): the app is closed and opened again in the same
 * process, on the same port with the same token; calls made meanwhile wait and reach the new app,
 * which answers with the restored data.
 */

async function post<T>(host: Host, method: string, input: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`${host.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify({ method, input }),
  });
  return (await res.json()) as ApiResult<T>;
}
async function value<T>(host: Host, method: string, input: unknown): Promise<T> {
  const r = await post<T>(host, method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('the host restarts on restored data', () => {
  it('serves the restored data on the same port and token; calls during the restart wait for it', async () => {
    const dir = makeTempDir();
    const dataDir = join(dir, 'data');
    const folder = join(dir, 'backups');
    mkdirSync(folder);
    const web = join(dir, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>desk</title>');
    const hosting: { host?: Host } = {};
    const opened: DeskApp[] = [];
    const open = async () => {
      const app = await createDeskApp({
        dataDir,
        version: 'test',
        scheduler: false,
        log: () => undefined,
        shell: { restart: () => void hosting.host!.restart(open) },
      });
      opened.push(app);
      return app;
    };
    const host = await startHost({ app: await open(), staticDir: web });
    hosting.host = host;
    onCleanup(async () => {
      await host.close();
      await host.app.close();
    });
    const origin = host.origin;

    await value(host, 'backup.saveSettings', { folder, daily: false, keep: 7 });
    const backup = await value<{ path: string }>(host, 'backup.create', {});
    await value(host, 'users.create', { name: '备份后新建', role: 'finance' });
    const names = async () => (await value<Array<{ name: string }>>(host, 'users.list', {})).map((u) => u.name);
    expect(await names()).toContain('备份后新建');

    const r = await value<{ safetyBackup: string; restarting: boolean }>(host, 'backup.restore', { path: backup.path });
    expect(r.restarting).toBe(true);
    // Asked at once and again later: both answered, by the new app once it is open.
    await expect.poll(() => opened.length, { timeout: 15_000 }).toBe(2);
    expect(await names()).not.toContain('备份后新建');
    expect(host.origin).toBe(origin);
    expect(host.app).toBe(opened[1]);
    // The safety backup has the profile made after the backup.
    const list = await value<Array<{ kind: string; path: string }>>(host, 'backup.list', {});
    expect(list.find((b) => b.kind === 'safety')?.path).toBe(r.safetyBackup);
  });
});
