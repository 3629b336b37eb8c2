import { describe, expect, it } from 'vitest';
import { calendarDate, csvField, csvLine, neutralise, officeClock } from '../../src/main/services/tracking-export-cells';
import { columnLetter } from '../../src/main/services/tracking-export-xlsx';

/** The cells of the exported tracking table: safe text, the office's wall clock, RFC 4180. */
describe('tracking export cells', () => {
  it('puts an apostrophe before text a spreadsheet would take for a formula', () => {
    for (const s of ['=1+1', '+86 512', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['漏油', 'a=b', ' =1', '', "'already"]) expect(neutralise(s)).toBe(s);
  });

  it('quotes csv fields by RFC 4180 and leaves numbers and dates alone', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(calendarDate('2026-02-28'))).toBe('2026-02-28');
    expect(csvLine(['客户', null, 2])).toBe('客户,,2\r\n');
  });

  it('shows instants on the office wall clock, across a change of clocks', () => {
    const sh = officeClock('Asia/Shanghai');
    expect(sh.instant('2026-11-10T15:59:59.999Z')!.text).toBe('2026-11-10 23:59');
    expect(sh.instant('2026-11-10T16:00:00Z')!.at.toISOString()).toBe('2026-11-11T00:00:00.000Z');
    expect(sh.instant(null)).toBeNull();
    const berlin = officeClock('Europe/Berlin');
    // 2026-03-29: the clocks go from 02:00 CET to 03:00 CEST at 01:00Z.
    expect(berlin.instant('2026-03-29T00:59:00Z')!.text).toBe('2026-03-29 01:59');
    expect(berlin.instant('2026-03-29T01:00:00Z')!.text).toBe('2026-03-29 03:00');
    expect(berlin.instant('2026-03-28T12:00:00Z')!.text).toBe('2026-03-28 13:00');
    expect(berlin.instant('2026-03-30T12:00:00Z')!.text).toBe('2026-03-30 14:00');
    expect(sh.dayNumber('2026-11-10T16:00:00Z')! - sh.dayNumber('2026-11-10T15:59:00Z')!).toBe(1);
  });

  it('names spreadsheet columns', () => {
    expect([1, 26, 27, 52, 53].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });
});
