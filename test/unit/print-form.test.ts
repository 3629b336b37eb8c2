import { describe, expect, it } from 'vitest';
import { feedbackFormFileName, feedbackFormHash } from '../../src/shared/print';
import { formatFen, formatMoney, formatShare } from '../../src/renderer/print/money';
import { parseFeedbackFormRoute } from '../../src/renderer/print/route';

/** The feedback form's money from integer fen, its shares from basis points, its route and file name. */

describe('money on the form', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [123450, '1,234.50'],
    [2345678, '23,456.78'],
    [10_000_000_000, '100,000,000.00'],
    [-5, '-0.05'],
    // Past a float's exact range in yuan, the last fen is still right.
    [900719925474099, '9,007,199,254,740.99'],
  ])('%d fen is %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('adds yuan sign, or the code of another currency', () => {
    expect(formatMoney(80001, 'CNY')).toBe('¥800.01');
    expect(formatMoney(80001, 'EUR')).toBe('800.01 EUR');
    expect(formatFen(0.1 + 0.2)).toBe('');
  });

  it.each([
    [10000, '100 %'],
    [6667, '66.67 %'],
    [2550, '25.5 %'],
    [1, '0.01 %'],
  ])('%d basis points are %s', (bp, text) => expect(formatShare(bp)).toBe(text));
});

describe('the form route', () => {
  it('round-trips id, language and autoprint', () => {
    expect(parseFeedbackFormRoute(feedbackFormHash(12, 'en'))).toEqual({ name: 'feedbackForm', id: 12, lang: 'en', autoprint: false });
    expect(parseFeedbackFormRoute(feedbackFormHash(3, 'zh-CN', { autoprint: true }))).toEqual({
      name: 'feedbackForm',
      id: 3,
      lang: 'zh-CN',
      autoprint: true,
    });
  });

  it('falls back to the app language for a missing or unknown one, and ignores other routes', () => {
    expect(parseFeedbackFormRoute('#/print/feedback-form/5')).toMatchObject({ id: 5, lang: null });
    expect(parseFeedbackFormRoute('#/print/feedback-form/5?lang=fr')).toMatchObject({ lang: null });
    expect(parseFeedbackFormRoute('#/complaints/5')).toBeNull();
    expect(parseFeedbackFormRoute('#/print/feedback-form/abc')).toBeNull();
  });

  it('names the PDF in its language, without characters a file system refuses', () => {
    expect(feedbackFormFileName('CC-202611-0001', 'zh-CN')).toBe('客户反馈处理单-CC-202611-0001.pdf');
    expect(feedbackFormFileName('BJ/2026:7', 'en')).toBe('feedback-form-BJ-2026-7.pdf');
  });
});
