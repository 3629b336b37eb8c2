import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/renderer/i18n/catalogues';
import { fieldKey, HIDDEN_FIELDS, kindKey } from '../../src/renderer/case/timeline-keys';

/**
 * Every event main writes has words on the timeline in both languages. The audit trail's kinds and
 * fields are plain strings in main (services/audit.ts), so they are read from main's source: each
 * object literal with a `complaintId`, a literal `kind` and a `field`, `before` or `after` is an
 * event (a notice has a payload instead, a stock move a delta); a changed field is the literal `field`
 * of a `field_changed` event, the second argument of case-records' `changed(…)`, or one of
 * complaints.ts's audited intake lists.
 */

const MAIN = join(__dirname, '../../src/main');

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') ? [{ file: p, text: readFileSync(p, 'utf8') }] : [];
  });
}

/** The object literal around `at`: from its unmatched `{` to its matching `}`. */
function enclosing(text: string, at: number): string | null {
  let depth = 0;
  let start = -1;
  for (let i = at; i >= 0; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{') {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  if (start < 0) return null;
  depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start + 1, i);
  }
  return null;
}

/** The literal's own keys' text: nested literals emptied. */
function ownLevel(body: string): string {
  let s = body;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\{[^{}]*\}/g, '{}');
  }
  return s;
}

function written() {
  const kinds = new Map<string, string>();
  const fields = new Map<string, string>();
  for (const { file, text } of sources(MAIN)) {
    const where = file.slice(MAIN.length + 1);
    for (const m of text.matchAll(/\bkind:\s*'([a-z_]+)'/g)) {
      const body = enclosing(text, m.index);
      if (!body) continue;
      const own = ownLevel(body);
      if (!/\bcomplaintId\b/.test(own) || !/\b(field|before|after)\s*:/.test(own)) continue;
      kinds.set(m[1]!, where);
      const field = m[1] === 'field_changed' ? /\bfield:\s*'([\w.]+)'/.exec(own) : null;
      if (field) fields.set(field[1]!, where);
    }
    for (const m of text.matchAll(/\bchanged\([^,()]+,\s*'([\w.]+)'/g)) fields.set(m[1]!, where);
    for (const m of text.matchAll(/const AUDITED(?:_UPDATE)? = \[([^\]]*)\]/g)) {
      for (const f of m[1]!.matchAll(/'(\w+)'/g)) fields.set(f[1]!, where);
    }
  }
  return { kinds, fields };
}

function has(catalogue: Record<string, unknown>, key: string): boolean {
  let v: unknown = catalogue;
  for (const part of key.split('.')) {
    if (!v || typeof v !== 'object') return false;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'string' && v.trim() !== '';
}

describe('the timeline has words for what main writes', () => {
  const { kinds, fields } = written();

  it('finds the events main writes (the scan itself works)', () => {
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['created', 'transition', 'field_changed', 'escalation', 'sla_breach', 'warranty']));
    expect([...fields.keys()]).toEqual(expect.arrayContaining(['receivedAt', 'installationDate', 'owner', 'waitingCustomer', 'escalation']));
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`names every event kind in ${lang}`, () => {
      const missing = [...kinds].filter(([k]) => !has(CATALOGUES[lang], kindKey(k))).map(([k, file]) => `${kindKey(k)} (${file})`);
      expect(missing).toEqual([]);
    });

    it(`names every changed field in ${lang}`, () => {
      const missing = [...fields]
        .filter(([f]) => !HIDDEN_FIELDS.has(f) && !has(CATALOGUES[lang], fieldKey(f)))
        .map(([f, file]) => `${fieldKey(f)} (${file})`);
      expect(missing).toEqual([]);
    });
  }
});
