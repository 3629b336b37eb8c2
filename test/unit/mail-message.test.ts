import { describe, expect, it } from 'vitest';
import { mailErrorOf, reportBody, reportSubject } from '../../src/main/services/mail-message';
import { memorySecretStore } from '../../src/main/secrets/memory';
import { SecretStoreUnavailable } from '../../src/main/secrets/port';
import { unavailableSecretStore } from '../../src/main/secrets/unavailable';

const kpis = {
  received: 42,
  receivedPrev: 37,
  closed: 30,
  open: 12,
  slaMetBp: 9250,
  avgDaysToClose: 6.25,
  repeats: 3,
  satisfactionAvg: null,
  costs: 12_345_678,
  costsPrev: 100,
};

describe('the report message', () => {
  it('has the bilingual subject', () => {
    expect(reportSubject('2026-11')).toBe('售后服务月度报告 2026-11 / After-sales monthly report');
  });
  it('lists the KPIs in the chosen language, money in yuan', () => {
    const zh = reportBody({ month: '2026-10', lang: 'zh-CN', kpis });
    expect(zh.text).toContain('本月受理: 42 (上月 37)');
    expect(zh.text).toContain('SLA 达成率: 92.5 %');
    expect(zh.text).toContain('本月费用（元）: 123,456.78 (上月 1.00)');
    expect(zh.text).toContain('平均满意度: —');
    const en = reportBody({ month: '2026-10', lang: 'en', kpis });
    expect(en.text).toContain('Average days to close: 6.3');
    expect(en.html).toContain('<td style="text-align:right">12</td>');
    expect(reportBody({ month: '2026-10', lang: 'en', kpis: null }).html).not.toContain('<table');
  });
});

describe('mailErrorOf', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535 }, 'auth_failed'],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, 'connection_failed'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.nowhere' }, 'connection_failed'],
    [{ code: 'ETIMEDOUT', message: 'Connection timeout' }, 'timeout'],
    [{ code: 'ESOCKET', message: 'self-signed certificate in certificate chain' }, 'tls_failed'],
    [{ code: 'ETLS', message: 'Error initiating TLS' }, 'tls_failed'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }, 'recipient_refused'],
    [{ code: 'EMESSAGE', message: 'something else' }, 'send_failed'],
    [null, 'send_failed'],
  ])('%j → %s', (e, code) => {
    expect(mailErrorOf(e)).toBe(code);
  });
});

describe('secret stores', () => {
  it('the unavailable store refuses to keep a value, and keeps nothing', async () => {
    const s = unavailableSecretStore();
    expect(s.kind).toBe('unavailable');
    await expect(s.set('k', 'v')).rejects.toBeInstanceOf(SecretStoreUnavailable);
    await s.set('k', null);
    expect(await s.get('k')).toBeNull();
  });
  it('the memory store keeps and removes', async () => {
    const s = memorySecretStore();
    await s.set('k', 'v');
    expect(await s.get('k')).toBe('v');
    await s.set('k', null);
    expect(await s.get('k')).toBeNull();
  });
});
