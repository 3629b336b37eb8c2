import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/main/app';
import { openStore, type Store } from '../../src/main/db/connection';
import { DEFAULT_TRACKING_FORMAT } from '../../src/main/rules/tracking-number';
import { nextTrackingNumber } from '../../src/main/services/tracking-numbers';
import { complaintInput, makeTempDir, onCleanup, openTestApp } from './helpers';

/**
 * Tracking numbers handed out by the store's counters: increasing within a month, restarting in
 * the next one, with the month taken from the office calendar (Asia/Shanghai by default).
 */

const SHANGHAI = 'Asia/Shanghai';

async function tempStore(): Promise<Store> {
  const store = await openStore(join(makeTempDir(), DB_FILE));
  onCleanup(() => store.close());
  return store;
}

describe('nextTrackingNumber on a real SQLite file', () => {
  it('counts up within a month and restarts at 0001 in the next', async () => {
    const { db } = await tempStore();
    const next = (iso: string) => nextTrackingNumber(db, DEFAULT_TRACKING_FORMAT, new Date(iso), SHANGHAI);

    expect(await next('2026-11-02T01:00:00Z')).toBe('CC-202611-0001');
    expect(await next('2026-11-02T01:05:00Z')).toBe('CC-202611-0002');
    expect(await next('2026-11-20T09:00:00Z')).toBe('CC-202611-0003');
    expect(await next('2026-12-01T02:00:00Z')).toBe('CC-202612-0001');
    expect(await next('2026-12-01T03:00:00Z')).toBe('CC-202612-0002');
    // Each month keeps its own counter: an instant in November continues November's numbers.
    expect(await next('2026-11-29T03:00:00Z')).toBe('CC-202611-0004');
    expect(await next('2027-01-01T00:00:00Z')).toBe('CC-202701-0001');
  });

  it('decides the month in the office time zone: 16:30 UTC on 30 November is December in Shanghai', async () => {
    const { db } = await tempStore();
    expect(await nextTrackingNumber(db, DEFAULT_TRACKING_FORMAT, new Date('2026-11-30T15:59:59Z'), SHANGHAI)).toBe('CC-202611-0001');
    expect(await nextTrackingNumber(db, DEFAULT_TRACKING_FORMAT, new Date('2026-11-30T16:30:00Z'), SHANGHAI)).toBe('CC-202612-0001');
    // The same instant is still November in Berlin.
    expect(await nextTrackingNumber(db, DEFAULT_TRACKING_FORMAT, new Date('2026-11-30T16:30:00Z'), 'Europe/Berlin')).toBe('CC-202611-0002');
  });

  it('keeps one counter per period in the sequences table and grows past the width', async () => {
    const store = await tempStore();
    store.sqlite.prepare('INSERT INTO sequences (key, last) VALUES (?, ?)').run('CC-202611-{NNNN}', 9998);
    const at = new Date('2026-11-10T02:00:00Z');
    expect(await nextTrackingNumber(store.db, DEFAULT_TRACKING_FORMAT, at, SHANGHAI)).toBe('CC-202611-9999');
    expect(await nextTrackingNumber(store.db, DEFAULT_TRACKING_FORMAT, at, SHANGHAI)).toBe('CC-202611-10000');
    expect(store.sqlite.prepare('SELECT key, last FROM sequences').all()).toEqual([{ key: 'CC-202611-{NNNN}', last: 10000 }]);
  });
});

describe('tracking numbers of registered complaints', () => {
  it('uses the Shanghai month of the registration time (the app clock)', async () => {
    let now = new Date('2026-11-30T15:59:00Z');
    const app = await openTestApp({ clock: () => now });
    const a = await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-20T01:00:00Z' }));
    now = new Date('2026-11-30T16:30:00Z');
    const b = await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-20T01:00:00Z' }));
    const c = await app.call('complaints.create', complaintInput({ receivedAt: '2026-11-21T01:00:00Z' }));
    expect([a.trackingNo, b.trackingNo, c.trackingNo]).toEqual(['CC-202611-0001', 'CC-202612-0001', 'CC-202612-0002']);
    expect(c.createdAt).toBe('2026-11-30T16:30:00.000Z');
  });

  it('follows the office time zone setting', async () => {
    const app = await openTestApp({ clock: () => new Date('2026-11-30T16:30:00Z') });
    await app.call('settings.update', { officeTimeZone: 'Europe/Berlin' });
    const c = await app.call('complaints.create', complaintInput());
    expect(c.trackingNo).toBe('CC-202611-0001');
  });
});
