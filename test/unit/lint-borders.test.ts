import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The process borders of ../shared/DESIGN.md are enforced by eslint.config.mjs
 * (`no-restricted-imports` per folder). These cases lint one import line as if it sat in a file of
 * the given folder, so a config change that opens a border fails here.
 */

const root = path.resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
});

async function restricted(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint borders', () => {
  const electron = "import { app } from 'electron';\nexport const a = app;";
  const fs = "import fs from 'node:fs';\nexport const f = fs;";

  it('allows electron only in the shell', async () => {
    expect(await restricted(electron, 'src/main/electron/x.ts')).toEqual([]);
    expect(await restricted(electron, 'src/main/index.ts')).toEqual([]);
    expect(await restricted(electron, 'src/main/preload.ts')).toEqual([]);
    expect(await restricted(electron, 'src/main/services/x.ts')).toHaveLength(1);
    expect(await restricted(electron, 'src/main/api/x.ts')).toHaveLength(1);
    expect(await restricted(electron, 'src/renderer/x.tsx')).toHaveLength(1);
    expect(await restricted(electron, 'src/shared/x.ts')).toHaveLength(1);
    expect(await restricted("import { ipcMain } from 'electron/main';\nexport const i = ipcMain;", 'src/main/app.ts')).toHaveLength(1);
  });

  it('keeps I/O out of rules/', async () => {
    expect(await restricted(fs, 'src/main/rules/x.ts')).toHaveLength(1);
    expect(await restricted("import { createServer } from 'http';\nexport const c = createServer;", 'src/main/rules/x.ts')).toHaveLength(1);
    expect(await restricted("import type { Kysely } from 'kysely';\nexport type K = Kysely<object>;", 'src/main/rules/x.ts')).toHaveLength(1);
    expect(await restricted("import { openStore } from '../db/connection';\nexport const o = openStore;", 'src/main/rules/x.ts')).toHaveLength(1);
    expect(await restricted("import { listUsers } from '../services/users';\nexport const l = listUsers;", 'src/main/rules/x.ts')).toHaveLength(1);
    expect(await restricted(electron, 'src/main/rules/x.ts')).toHaveLength(1);
    // Pure imports stay allowed.
    expect(await restricted("import { ROLES } from '../../shared/domain';\nexport const r = ROLES;", 'src/main/rules/x.ts')).toEqual([]);
    // Services may do I/O.
    expect(await restricted(fs, 'src/main/services/x.ts')).toEqual([]);
  });

  it('keeps main and Node out of the renderer', async () => {
    expect(await restricted(fs, 'src/renderer/x.tsx')).toHaveLength(1);
    expect(await restricted("import path from 'path';\nexport const p = path;", 'src/renderer/x.tsx')).toHaveLength(1);
    expect(await restricted("import '../../main/app';", 'src/renderer/x.tsx')).toHaveLength(1);
    expect(await restricted("import { createDeskApp } from '../main/app';\nexport const c = createDeskApp;", 'src/renderer/x.tsx')).toHaveLength(1);
    expect(await restricted("import Database from 'better-sqlite3';\nexport const d = Database;", 'src/renderer/x.tsx')).toHaveLength(1);
    // A sibling module that happens to be called main is the renderer's own.
    expect(await restricted("import './main';", 'src/renderer/x.tsx')).toEqual([]);
    // The contract is how the renderer knows the api.
    expect(await restricted("import { contract } from '../shared/contract';\nexport const c = contract;", 'src/renderer/x.tsx')).toEqual([]);
  });

  it('keeps shared/ independent of both sides', async () => {
    expect(await restricted("import { createDeskApp } from '../main/app';\nexport const c = createDeskApp;", 'src/shared/x.ts')).toHaveLength(1);
    expect(await restricted("import { App } from '../renderer/App';\nexport const a = App;", 'src/shared/x.ts')).toHaveLength(1);
    expect(await restricted(fs, 'src/shared/x.ts')).toHaveLength(1);
    expect(await restricted("import { z } from 'zod';\nexport const s = z.string();", 'src/shared/x.ts')).toEqual([]);
  });
});
