import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  devServerLocation,
  isOwnUrl,
  packagedLocation,
  type RendererLocation,
} from '../../src/main/electron/renderer-location';

// "Ours" decides which frames may call the api and where a window may navigate.

describe('renderer location', () => {
  it('under the dev server, only its origin is ours', () => {
    const dev = devServerLocation('http://localhost:5173');
    expect(isOwnUrl(dev, 'http://localhost:5173/')).toBe(true);
    expect(isOwnUrl(dev, 'http://localhost:5173/#/complaints/4')).toBe(true);
    expect(isOwnUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isOwnUrl(dev, 'https://localhost:5173/')).toBe(false);
    expect(isOwnUrl(dev, 'http://localhost.evil.example:5173/')).toBe(false);
    expect(isOwnUrl(dev, 'not a url')).toBe(false);
    expect(() => devServerLocation('file:///tmp/index.html')).toThrow(/no origin/);
  });

  it('packaged, only our index.html is ours, whatever its hash or query', () => {
    const index = path.resolve('/opt/After-Sales Desk/resources/app.asar/dist/renderer/index.html');
    const file: RendererLocation = { kind: 'file', indexFile: index };
    const own = pathToFileURL(index).href;
    expect(own).toContain('After-Sales%20Desk');
    expect(isOwnUrl(file, own)).toBe(true);
    expect(isOwnUrl(file, `${own}#/complaints/4?tab=costs`)).toBe(true);
    expect(isOwnUrl(file, `${own}?lang=en`)).toBe(true);
    // Every file shares the opaque file origin: a sibling page is not ours.
    expect(isOwnUrl(file, pathToFileURL(path.join(path.dirname(index), 'other.html')).href)).toBe(false);
    expect(isOwnUrl(file, 'file://evil-host/share/index.html')).toBe(false);
    expect(isOwnUrl(file, 'https://example.com/index.html')).toBe(false);
    expect(isOwnUrl(file, 'about:blank')).toBe(false);
  });

  it("prefers Forge's renderer folder, else the shared dist/renderer build", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'desk-location-'));
    const mainDir = path.join(root, '.vite', 'build');
    const shared = path.join(root, 'dist', 'renderer', 'index.html');
    expect(packagedLocation(mainDir, 'main_window')).toEqual({ kind: 'file', indexFile: shared });

    const forge = path.join(root, '.vite', 'renderer', 'main_window', 'index.html');
    mkdirSync(path.dirname(forge), { recursive: true });
    writeFileSync(forge, '<!doctype html>');
    expect(packagedLocation(mainDir, 'main_window')).toEqual({ kind: 'file', indexFile: forge });
    rmSync(root, { recursive: true, force: true });
  });
});
