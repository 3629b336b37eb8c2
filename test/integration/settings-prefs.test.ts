import { describe, expect, it } from 'vitest';
import { complaintInput, openTestApp } from './helpers';

/**
 * Office settings (the tracking-number format, the time zone) and each person's screen preferences
 * (the tracking table's column layout), through the dispatcher.
 */

const NOW = new Date('2026-11-21T03:00:00Z');

describe('settings', () => {
  it('starts with the defaults', async () => {
    const app = await openTestApp();
    expect(await app.call('settings.get', {})).toMatchObject({ trackingNumberFormat: 'CC-{YYYY}{MM}-{NNNN}', officeTimeZone: 'Asia/Shanghai' });
  });

  it.each([
    ['no sequence token', 'CC-{YYYY}{MM}', 'tracking_format'],
    ['a sequence token without braces', 'CC-NNNN', 'tracking_format'],
    ['characters outside the allowed set', 'CC {YYYY} #{NNNN}', 'tracking_format'],
    ['too short', 'ab', 'too_short'],
  ])('refuses a format with %s', async (_, format, code) => {
    const app = await openTestApp();
    const error = await app.fail('settings.update', { trackingNumberFormat: format });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'trackingNumberFormat', code })]));
    expect(error.issues?.every((i) => i.path === 'trackingNumberFormat')).toBe(true);
    expect((await app.call('settings.get', {})).trackingNumberFormat).toBe('CC-{YYYY}{MM}-{NNNN}');
  });

  it('refuses an unknown time zone', async () => {
    const app = await openTestApp();
    const error = await app.fail('settings.update', { officeTimeZone: 'Mars/Olympus_Mons' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'officeTimeZone', code: 'time_zone' })]);
  });

  it('uses a changed format for the next complaint, with its own counter', async () => {
    const app = await openTestApp({ clock: () => NOW });
    expect((await app.call('complaints.create', complaintInput())).trackingNo).toBe('CC-202611-0001');

    const saved = await app.call('settings.update', { trackingNumberFormat: 'RMA/{YY}{MM}/{NNN}' });
    expect(saved).toMatchObject({ trackingNumberFormat: 'RMA/{YY}{MM}/{NNN}', officeTimeZone: 'Asia/Shanghai' });
    expect(await app.call('settings.get', {})).toEqual(saved);

    expect((await app.call('complaints.create', complaintInput())).trackingNo).toBe('RMA/2611/001');
    expect((await app.call('complaints.create', complaintInput())).trackingNo).toBe('RMA/2611/002');

    // Back to the old format: its counter carries on where it stopped.
    await app.call('settings.update', { trackingNumberFormat: 'CC-{YYYY}{MM}-{NNNN}' });
    expect((await app.call('complaints.create', complaintInput())).trackingNo).toBe('CC-202611-0002');
  });

  it('keeps the settings in the database file, across a restart', async () => {
    const first = await openTestApp({ clock: () => NOW });
    await first.call('settings.update', { trackingNumberFormat: 'KF-{YYYY}-{NNNNN}', officeTimeZone: 'Europe/Berlin' });
    await first.close();
    const again = await openTestApp({ dataDir: first.dataDir, clock: () => NOW });
    expect(await again.call('settings.get', {})).toMatchObject({ trackingNumberFormat: 'KF-{YYYY}-{NNNNN}', officeTimeZone: 'Europe/Berlin' });
    expect((await again.call('complaints.create', complaintInput())).trackingNo).toBe('KF-2026-00001');
  });
});

describe('prefs', () => {
  const layout = {
    columns: [
      { colId: 'trackingNo', width: 140, pinned: 'left', sort: null },
      { colId: 'receivedAt', width: 160, pinned: null, sort: 'desc' },
    ],
    language: 'zh-CN',
  };

  it('returns null for a key never set, and what was set afterwards', async () => {
    const app = await openTestApp();
    expect(await app.call('prefs.get', { key: 'trackingTable.columns' })).toEqual({ value: null });
    expect(await app.call('prefs.set', { key: 'trackingTable.columns', value: layout })).toEqual({ value: layout });
    expect(await app.call('prefs.get', { key: 'trackingTable.columns' })).toEqual({ value: layout });

    // Overwritten, not added.
    await app.call('prefs.set', { key: 'trackingTable.columns', value: [1, 'two', null, false] });
    expect(await app.call('prefs.get', { key: 'trackingTable.columns' })).toEqual({ value: [1, 'two', null, false] });
    expect(await app.call('prefs.get', { key: 'other' })).toEqual({ value: null });
  });

  it('keeps preferences per user: another profile’s value under the same key is not returned or overwritten', async () => {
    const app = await openTestApp();
    const me = await app.call('session.current', {});
    const other = Number(
      app.store.sqlite
        .prepare(`INSERT INTO users (name, role, active, created_at) VALUES ('Li Na', 'sales_admin', 1, ?)`)
        .run(new Date().toISOString()).lastInsertRowid,
    );
    app.store.sqlite.prepare('INSERT INTO prefs (user_id, key, value) VALUES (?, ?, ?)').run(other, 'language', JSON.stringify('en'));

    expect(await app.call('prefs.get', { key: 'language' })).toEqual({ value: null });
    await app.call('prefs.set', { key: 'language', value: 'zh-CN' });
    expect(await app.call('prefs.get', { key: 'language' })).toEqual({ value: 'zh-CN' });

    const rows = app.store.sqlite.prepare(`SELECT user_id AS userId, value FROM prefs WHERE key = 'language' ORDER BY user_id`).all();
    expect(rows).toEqual(
      [
        { userId: me.id, value: '"zh-CN"' },
        { userId: other, value: '"en"' },
      ].sort((a, b) => a.userId - b.userId),
    );
  });

  it('refuses an empty key and a value that is not JSON', async () => {
    const app = await openTestApp();
    expect((await app.fail('prefs.set', { key: '', value: 1 })).issues).toEqual([expect.objectContaining({ path: 'key', code: 'required' })]);
    expect((await app.fail('prefs.set', { key: 'k', value: () => 1 })).code).toBe('VALIDATION');
  });
});
