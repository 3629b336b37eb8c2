import { describe, expect, it } from 'vitest';
import { complaintInput, openTestApp } from './helpers';

/**
 * The preview in Settings: the number the next case registered now would get with a format, read
 * from the counters without taking a number — so previewing never leaves a gap in the sequence.
 */

const NOW = new Date('2026-11-20T06:00:00Z');

describe('settings.previewTrackingNumber', () => {
  it('shows the next number of this month and takes nothing', async () => {
    const app = await openTestApp({ clock: () => NOW });
    expect(await app.call('settings.previewTrackingNumber', { format: 'CC-{YYYY}{MM}-{NNNN}' })).toEqual({ next: 'CC-202611-0001' });
    await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-20T02:30:00.000Z' }));
    await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-20T03:30:00.000Z', newCustomer: { name: '无锡某公司', region: '无锡' } }));
    const before = app.counts().sequenceTotal;
    expect(await app.call('settings.previewTrackingNumber', { format: 'CC-{YYYY}{MM}-{NNNN}' })).toEqual({ next: 'CC-202611-0003' });
    expect(await app.call('settings.previewTrackingNumber', { format: 'CC-{YYYY}{MM}-{NNNN}' })).toEqual({ next: 'CC-202611-0003' });
    expect(app.counts().sequenceTotal).toBe(before);
    // A new format has its own counter, starting at 1; the month follows the office time zone.
    expect(await app.call('settings.previewTrackingNumber', { format: 'KF/{YY}{MM}/{NNN}' })).toEqual({ next: 'KF/2611/001' });
    const c = await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-20T04:30:00.000Z', newCustomer: { name: '常州某公司', region: '常州' } }));
    expect(c.trackingNo).toBe('CC-202611-0003');
  });

  it('refuses a format without a sequence token, on the field, as settings.update does', async () => {
    const app = await openTestApp({ clock: () => NOW });
    const e = await app.fail('settings.previewTrackingNumber', { format: 'CC-{YYYY}{MM}' });
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'format', code: 'tracking_format' }] });
  });
});
