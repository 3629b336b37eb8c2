import { describe, expect, it } from 'vitest';
import { formatBp, formatFen, hundredthsText, percentToBp, yuanToFen } from '../../src/renderer/case/amounts';

/** The case page's money and shares: typed decimals to integers by string arithmetic, never floats. */
describe('yuan and per cent as typed, to fen and basis points', () => {
  it.each([
    ['1234.56', 123456],
    ['0.29', 29],
    ['0.1', 10],
    ['1,234.5', 123450],
    [' 800 ', 80000],
    ['0', 0],
    ['100000000.00', 10_000_000_000],
  ])('%s yuan is %i fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it.each(['12.345', '-5', '1e3', '', '.5', '12.', 'abc', '１２'])('refuses %j', (text) => expect(yuanToFen(text)).toBeNull());

  it('reads shares in per cent as basis points', () => {
    expect(percentToBp('70')).toBe(7000);
    expect(percentToBp('33.33')).toBe(3333);
    expect(percentToBp('100')).toBe(10000);
  });

  it('writes them back', () => {
    expect(hundredthsText(123405)).toBe('1234.05');
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatBp(7000)).toBe('70 %');
    expect(formatBp(3333)).toBe('33.33 %');
  });
});
