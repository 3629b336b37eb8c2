import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { MailDraft } from '../../src/shared/data-io';
import { LIMITS } from '../../src/shared/domain';
import { draftIntake, isMailFileName, mailDescription } from '../../src/renderer/mail-import/draft-values';
import { cleanCss, dropHandlers } from '../../src/renderer/mail-import/sanitize-html';

/**
 * What the registration form takes from an imported e-mail, and the stylesheet cleaning that keeps
 * a message's remote images and fonts from loading.
 */

const draft = (over: Partial<MailDraft> = {}): MailDraft => ({
  token: 'a'.repeat(32),
  fileName: '投诉.eml',
  format: 'eml',
  from: { name: 'Zhou Gong', address: 'zhou@hztest-precision.com' },
  subject: 'SA-55A 排气温度过高',
  receivedAt: '2026-11-20T02:30:00.000Z',
  text: '运行两小时后自动停机。\r\n\r\n\r\n\r\n请尽快安排。  \r\n',
  html: null,
  attachments: [],
  skipped: [],
  notes: [],
  match: 'none',
  customer: null,
  contact: null,
  ...over,
});

describe('the form filled in from an e-mail', () => {
  const now = dayjs('2026-11-25T08:00:00Z');

  it('takes the sender as the contact, e-mail as the channel, and subject plus text as the description', () => {
    const { values, trimmed } = draftIntake(draft(), now);
    expect(trimmed).toBe(false);
    expect(values).toMatchObject({ channel: 'email', contactName: 'Zhou Gong', contactEmail: 'zhou@hztest-precision.com', contactPhone: '' });
    expect(values.customerId).toBeUndefined();
    expect(values.receivedAt?.toISOString()).toBe('2026-11-20T02:30:00.000Z');
    expect(values.description).toBe('SA-55A 排气温度过高\n\n运行两小时后自动停机。\n\n请尽快安排。');
  });

  it('takes the matched contact’s name and phone and its customer', () => {
    const { values } = draftIntake(
      draft({
        match: 'contact',
        customer: { id: 7, name: '杭州测试精工有限公司', region: '杭州' },
        contact: { id: 3, customerId: 7, name: '周工', phone: '0571-8888 6666', email: 'zhou@hztest-precision.com' },
      }),
      now,
    );
    expect(values).toMatchObject({ customerId: 7, contactName: '周工', contactPhone: '0571-8888 6666' });
  });

  it('uses now for a message without a date, and never a time in the future', () => {
    expect(draftIntake(draft({ receivedAt: null }), now).values.receivedAt?.toISOString()).toBe(now.toISOString());
    expect(draftIntake(draft({ receivedAt: '2027-01-01T00:00:00.000Z' }), now).values.receivedAt?.toISOString()).toBe(now.toISOString());
  });

  it('cuts a long message to the description limit and says so', () => {
    const long = mailDescription('主题', '很'.repeat(LIMITS.description * 2));
    expect(long.trimmed).toBe(true);
    expect(Array.from(long.description)).toHaveLength(LIMITS.description);
    expect(long.description.endsWith('…')).toBe(true);
    // A character outside the BMP is never cut in half.
    const emoji = mailDescription('', '😀'.repeat(10), 5);
    expect(emoji.description).toBe('😀😀😀😀…');
    expect(mailDescription('只有主题', '   ')).toEqual({ description: '只有主题', trimmed: false });
  });

  it('knows an e-mail file by its name for the drop target', () => {
    expect(['a.eml', 'B.MSG', '投诉.Eml'].every(isMailFileName)).toBe(true);
    expect(['a.emlx', 'report.pdf', 'msg', 'mail.eml.zip'].some(isMailFileName)).toBe(false);
  });
});

describe('cleaning a message’s stylesheet', () => {
  it('takes out remote url() and @import, keeps embedded images and the rest', () => {
    const r = cleanCss(
      "@import url(http://t.example/x.css); body{background:url( 'https://t.example/bg.png' ) #fff} .a{background-image:url(data:image/png;base64,AAAA)} .b{src:url(//t.example/f.woff)} .c{color:red}",
    );
    expect(r.css).not.toMatch(/t\.example|@import/);
    expect(r.css).toContain('url(data:image/png;base64,AAAA)');
    expect(r.css).toContain('.c{color:red}');
    expect(r.css).toContain('background:none #fff');
    expect(r.blocked).toBe(3);
  });
});

describe('taking inline handlers out before parsing', () => {
  it('removes on*= attributes from tags, whatever their quoting, and leaves the text alone', () => {
    expect(dropHandlers(`<img src="x" onerror="window.top.__pwned=1"><p ONCLICK='a()' class=x>online=yes</p><svg/onload=alert(1)>`)).toBe(
      `<img src="x" ><p  class=x>online=yes</p><svg/>`,
    );
  });
});
