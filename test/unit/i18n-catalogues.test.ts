import { describe, expect, it } from 'vitest';
import { CATALOGUE_PARTS } from '../../src/renderer/i18n/catalogues';

/** Every screen word in both languages: each part's two files have the same keys, none empty. */

function leaves(o: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) for (const [p, x] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
  } else out.set(prefix, o);
  return out;
}

describe('i18n catalogues', () => {
  for (const [part, langs] of Object.entries(CATALOGUE_PARTS)) {
    it(`${part}: zh-CN and en have the same keys, each a non-empty string`, () => {
      const zh = leaves(langs['zh-CN']);
      const en = leaves(langs.en);
      expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
      expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
      for (const m of [zh, en]) {
        expect([...m.entries()].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
      }
    });
  }

  it('no two parts own the same top-level key', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [part, langs] of Object.entries(CATALOGUE_PARTS)) {
      for (const k of Object.keys(langs.en)) {
        if (owner.has(k)) clashes.push(`${k}: ${owner.get(k)} and ${part}`);
        owner.set(k, part);
      }
    }
    expect(clashes).toEqual([]);
  });
});
