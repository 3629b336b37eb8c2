import { describe, expect, it } from 'vitest';
import { categoryOf, cellText, channelOf, excelSerial, parseFen, parseWallClock, severityOf, statusOf, wallClockInstant } from '../../src/main/import/values';
import { decodeText } from '../../src/main/import/read';

/** Issue 8: the cells of an old tracking table as dates, amounts in fen and the app's codes. */

describe('dates as offices write them', () => {
  it('reads Excel serial numbers (1900 system), with a time of day', () => {
    expect(excelSerial(45356)).toEqual({ date: '2024-03-05', seconds: null });
    expect(excelSerial(45356.75)).toEqual({ date: '2024-03-05', seconds: 18 * 3600 });
    expect(parseWallClock(45356)).toEqual({ date: '2024-03-05', seconds: null });
    expect(parseWallClock('45356')).toEqual({ date: '2024-03-05', seconds: null });
    // Not a plausible date: a small count, a compact number that is not a date.
    expect(parseWallClock(12)).toBeNull();
  });

  it('reads date cells (wall clock in their UTC fields) and text in the usual forms', () => {
    expect(parseWallClock(new Date(Date.UTC(2024, 2, 5, 14, 30)))).toEqual({ date: '2024-03-05', seconds: 14 * 3600 + 30 * 60 });
    for (const s of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '２０２４年３月５日', '20240305', ' 2024-3-5 ']) {
      expect(parseWallClock(s), s).toEqual({ date: '2024-03-05', seconds: null });
    }
    expect(parseWallClock('2024-03-05 14:30')).toEqual({ date: '2024-03-05', seconds: 52_200 });
    expect(parseWallClock('2024/3/5 9:05:07')).toEqual({ date: '2024-03-05', seconds: 9 * 3600 + 5 * 60 + 7 });
    expect(parseWallClock('2024年3月5日 14时30分')).toEqual({ date: '2024-03-05', seconds: 52_200 });
    expect(parseWallClock('2024-03-05T14:30')).toEqual({ date: '2024-03-05', seconds: 52_200 });
  });

  it('refuses what is not a date, and takes an empty cell or a dash as none', () => {
    for (const s of ['2024-13-05', '2023-02-29', '2024-03-05 25:00', 'yesterday', '5/3/2024', '2024-03']) expect(parseWallClock(s), s).toBeNull();
    expect(parseWallClock('2024-02-29')).toEqual({ date: '2024-02-29', seconds: null });
    for (const s of [null, '', '-', '—', '/']) expect(parseWallClock(s)).toBeUndefined();
  });

  it('places a wall clock in the office time zone', () => {
    expect(wallClockInstant({ date: '2024-03-05', seconds: null }, 'Asia/Shanghai')).toBe('2024-03-04T16:00:00.000Z');
    expect(wallClockInstant({ date: '2024-03-05', seconds: 52_200 }, 'Asia/Shanghai')).toBe('2024-03-05T06:30:00.000Z');
    expect(wallClockInstant({ date: '2024-07-01', seconds: 3600 }, 'Europe/Berlin')).toBe('2024-06-30T23:00:00.000Z');
  });
});

describe('amounts in fen, by string arithmetic', () => {
  it('reads ¥ and ￥, thousands separators, 元 and RMB, and number cells exactly', () => {
    expect(parseFen('¥1,234.50')).toBe(123_450);
    expect(parseFen('1,234')).toBe(123_400);
    expect(parseFen('￥ 12.5')).toBe(1250);
    expect(parseFen('１２３４．５６')).toBe(123_456);
    expect(parseFen('1234.5元')).toBe(123_450);
    expect(parseFen('RMB 80')).toBe(8000);
    expect(parseFen('1，234.00')).toBe(123_400);
    expect(parseFen('0.29')).toBe(29);
    expect(parseFen(0.29)).toBe(29);
    expect(parseFen(1234.56)).toBe(123_456);
    expect(parseFen(0.1 + 0.2)).toBe(30);
    expect(parseFen(1_000_000)).toBe(100_000_000);
  });

  it('takes a dash or an empty cell as no amount and refuses the rest', () => {
    for (const s of [null, '', '-', '—', '无', '¥-']) expect(parseFen(s), String(s)).toBeUndefined();
    for (const s of ['12.345', '-5', 'abc', '1,23', '12,34.5', '¥1.2.3', 12.345, -3]) expect(parseFen(s), String(s)).toBeNull();
    expect(parseFen('1000000000000')).toBeNull();
  });
});

describe('the office’s words as the app’s codes', () => {
  it('maps Chinese and English words, full-width and case ignored', () => {
    expect(categoryOf('电气')).toBe('electrical');
    expect(categoryOf('漏油')).toBe('leakage');
    expect(categoryOf('电气故障（主控板）')).toBe('electrical');
    expect(categoryOf('Noise')).toBe('noise_vibration');
    expect(categoryOf('ＴＲＡＮＳＰＯＲＴ')).toBe('transport_damage');
    expect(categoryOf('配件缺失')).toBeNull();
    expect(severityOf('严重')).toBe('major');
    expect(severityOf('安全隐患')).toBe('safety');
    expect(severityOf('Minor')).toBe('minor');
    expect(severityOf('B')).toBe('normal');
    expect(channelOf('来电')).toBe('phone');
    expect(channelOf('E-mail')).toBe('email');
    expect(channelOf('经销商反馈')).toBe('distributor');
  });

  it('reads open and closed, a negation included', () => {
    for (const s of ['已结案', '关闭', '完成', 'Closed', 'DONE', '已解决']) expect(statusOf(s), s).toBe('closed');
    for (const s of ['处理中', '未结案', '尚未结案', '未完成', 'open', 'In progress']) expect(statusOf(s), s).toBe('open');
  });

  it('shows cells as text: whole numbers without exponent, dates without a zero time', () => {
    expect(cellText(13_800_138_000)).toBe('13800138000');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(cellText(new Date(Date.UTC(2024, 2, 5, 9, 30)))).toBe('2024-03-05 09:30');
  });
});

describe('csv encodings', () => {
  it('tells UTF-8 (with or without BOM) from GB18030', () => {
    const text = '跟踪号,客户名称\nA-1,无锡精工';
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
    // 跟踪号 in GBK.
    const gbk = Buffer.from([0xb8, 0xfa, 0xd7, 0xd9, 0xba, 0xc5]);
    expect(decodeText(gbk)).toEqual({ text: '跟踪号', encoding: 'gb18030' });
  });
});
