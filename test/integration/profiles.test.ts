import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/domain';
import { verifyPassword } from '../../src/main/services/profiles';
import { openOffice, openTestApp } from './helpers';

/**
 * Local profiles (issue 3): who is working, with an optional scrypt password; only the
 * administrator manages profiles, settings and departments; the office always keeps an active
 * administrator; departments have unique names.
 */

const hashOf = (app: { store: { sqlite: { prepare(sql: string): { get(...a: unknown[]): unknown } } } }, id: number) =>
  (app.store.sqlite.prepare('SELECT password_hash AS h FROM users WHERE id = ?').get(id) as { h: string | null }).h;

describe('passwords', () => {
  it('stores a scrypt hash, never the password, and lets in only the right one', async () => {
    const app = await openTestApp();
    const u = await app.call('users.create', { name: '王强', role: 'sales_manager', password: 'geheim-123' });
    expect(u).toMatchObject({ name: '王强', role: 'sales_manager', active: true, hasPassword: true, departmentId: null });
    expect(u).not.toHaveProperty('password');
    expect(u).not.toHaveProperty('passwordHash');
    const hash = hashOf(app, u.id)!;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('geheim-123');
    expect(await verifyPassword('geheim-123', hash)).toBe(true);
    // A second profile with the same password gets another salt.
    const v = await app.call('users.create', { name: '陈杰', role: 'branch_manager', password: 'geheim-123' });
    expect(hashOf(app, v.id)).not.toBe(hash);

    const wrong = await app.fail('session.switch', { userId: u.id, password: 'geheim-124' });
    expect(wrong).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'password', code: 'wrong_password' })] });
    const none = await app.fail('session.switch', { userId: u.id });
    expect(none.issues?.map((i) => i.code)).toEqual(['wrong_password']);
    expect((await app.call('session.current', {})).role).toBe('admin');

    expect(await app.call('session.switch', { userId: u.id, password: 'geheim-123' })).toEqual({ id: u.id, name: '王强', role: 'sales_manager' });
    expect(await app.call('session.current', {})).toEqual({ id: u.id, name: '王强', role: 'sales_manager' });
  });

  it('switches without a password to a profile that has none, and after the password is removed', async () => {
    const app = await openTestApp();
    const admin = await app.call('session.current', {});
    const open = await app.call('users.create', { name: '李娜', role: 'sales_admin' });
    expect(open.hasPassword).toBe(false);
    expect((await app.call('session.switch', { userId: open.id })).role).toBe('sales_admin');
    await app.call('session.switch', { userId: admin.id });

    const locked = await app.call('users.create', { name: '吴芳', role: 'finance', password: 'secret-99' });
    expect((await app.fail('session.switch', { userId: locked.id })).issues?.[0]?.code).toBe('wrong_password');
    const cleared = await app.call('users.update', { id: locked.id, password: null });
    expect(cleared.hasPassword).toBe(false);
    expect(hashOf(app, locked.id)).toBeNull();
    expect((await app.call('session.switch', { userId: locked.id })).role).toBe('finance');
  });

  it('keeps the password when an update leaves it out, and changes it when one is given', async () => {
    const app = await openTestApp();
    const admin = await app.call('session.current', {});
    const u = await app.call('users.create', { name: '孙涛', role: 'production_technology', password: 'first-pass' });
    await app.call('users.update', { id: u.id, name: '孙涛 (PT)' });
    expect((await app.call('users.list', {})).find((p) => p.id === u.id)).toMatchObject({ name: '孙涛 (PT)', hasPassword: true });
    await app.call('users.update', { id: u.id, password: 'second-pass' });
    expect((await app.fail('session.switch', { userId: u.id, password: 'first-pass' })).issues?.[0]?.code).toBe('wrong_password');
    await app.call('session.switch', { userId: u.id, password: 'second-pass' });
    await app.call('session.switch', { userId: admin.id });
  });

  it('refuses a password shorter than 6 characters', async () => {
    const app = await openTestApp();
    const r = await app.fail('users.create', { name: 'x', role: 'finance', password: '12345' });
    expect(r).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'password', code: 'too_short' })] });
  });
});

describe('only the administrator manages profiles, settings and departments', () => {
  const others = ROLES.filter((r): r is Exclude<Role, 'admin'> => r !== 'admin');

  it.each(others)('refuses %s with FORBIDDEN, and changes nothing', async (role) => {
    const o = await openOffice();
    await o.as(role);
    const before = { counts: o.counts(), settings: await o.call('settings.get', {}), departments: await o.call('departments.list', {}) };
    const tries: Array<[string, unknown]> = [
      ['users.create', { name: '冒名', role: 'admin' }],
      ['users.update', { id: o.staff[role], role: 'admin' }],
      ['users.update', { id: o.staff.admin, active: false }],
      ['users.list', {}],
      ['settings.update', { chairmanCostThreshold: 1 }],
      ['departments.save', { name: 'Shadow Department' }],
      ['departments.save', { id: 1, name: 'Renamed' }],
    ];
    for (const [method, input] of tries) {
      const r = await o.fail(method, input);
      expect(r.code, method).toBe('FORBIDDEN');
      expect(r.message, method).toBe(`the role ${role} may not call ${method}`);
    }
    expect(o.counts()).toEqual(before.counts);
    expect(await o.call('settings.get', {})).toEqual(before.settings);
    expect(await o.call('departments.list', {})).toEqual(before.departments);
    expect((await o.call('session.current', {})).role).toBe(role);
  });

  it('lets the administrator do each of them', async () => {
    const o = await openOffice();
    await o.as('admin');
    const d = await o.call('departments.save', { name: 'Quality Department' });
    expect(d).toMatchObject({ name: 'Quality Department', active: true });
    expect(d.code).toMatch(/^custom-/);
    const u = await o.call('users.create', { name: '周磊', role: 'technical_support', departmentId: d.id });
    expect(u.departmentId).toBe(d.id);
    expect((await o.call('users.update', { id: u.id, role: 'production_technology' })).role).toBe('production_technology');
    expect((await o.call('settings.update', { chairmanCostThreshold: 5_000_000 })).chairmanCostThreshold).toBe(5_000_000);
    expect((await o.call('users.list', {})).map((p) => p.id)).toContain(u.id);
  });
});

describe('the last active administrator', () => {
  it('cannot be demoted or deactivated while no other administrator is active', async () => {
    const app = await openTestApp();
    const admin = await app.call('session.current', {});
    const demote = await app.fail('users.update', { id: admin.id, role: 'sales_manager' });
    expect(demote.code).toBe('CONFLICT');
    expect(demote.message).toMatch(/last active administrator/);
    expect((await app.fail('users.update', { id: admin.id, active: false })).code).toBe('CONFLICT');

    // An inactive administrator does not count.
    const dormant = await app.call('users.create', { name: 'Old admin', role: 'admin' });
    await app.call('users.update', { id: dormant.id, active: false });
    expect((await app.fail('users.update', { id: admin.id, role: 'finance' })).code).toBe('CONFLICT');
    expect((await app.call('users.list', {})).find((p) => p.id === admin.id)).toMatchObject({ role: 'admin', active: true });

    // With a second active administrator, the first may step down.
    const second = await app.call('users.create', { name: 'IT', role: 'admin' });
    expect((await app.call('users.update', { id: admin.id, role: 'sales_manager' })).role).toBe('sales_manager');
    expect((await app.fail('users.update', { id: second.id, active: false })).code).toBe('FORBIDDEN'); // no longer an administrator himself
    await app.call('session.switch', { userId: second.id });
    expect((await app.fail('users.update', { id: second.id, active: false })).code).toBe('CONFLICT');
  });

  it('may still be renamed or given a password', async () => {
    const app = await openTestApp();
    const admin = await app.call('session.current', {});
    expect(await app.call('users.update', { id: admin.id, name: '管理员', password: 'admin-pass' })).toMatchObject({ name: '管理员', role: 'admin', hasPassword: true });
  });
});

describe('inactive profiles', () => {
  it('cannot be switched to, and are not offered, but stay in the administrator list', async () => {
    const o = await openOffice();
    await o.as('admin');
    await o.call('users.update', { id: o.staff.finance, active: false });
    const r = await o.fail('session.switch', { userId: o.staff.finance });
    expect(r).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'userId', code: 'not_found' })] });
    expect((await o.fail('session.switch', { userId: 9999 })).issues?.[0]?.code).toBe('not_found');
    expect((await o.call('session.profiles', {})).map((p) => p.id)).not.toContain(o.staff.finance);
    expect((await o.call('users.list', {})).find((p) => p.id === o.staff.finance)).toMatchObject({ active: false });
    expect((await o.call('session.current', {})).role).toBe('admin');
  });

  it('ends the session of a profile deactivated while working: the next call is UNAUTHENTICATED', async () => {
    const o = await openOffice();
    await o.as('admin');
    const second = await o.call('users.create', { name: 'IT', role: 'admin' });
    await o.call('session.switch', { userId: second.id });
    await o.call('users.update', { id: second.id, active: false });
    expect((await o.fail('session.current', {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('departments', () => {
  it('starts with the departments of the seeds, and keeps names unique', async () => {
    const app = await openTestApp();
    const list = await app.call('departments.list', {});
    expect(list.map((d) => d.code)).toEqual(['sales', 'sales_admin_office', 'production', 'production_technology', 'technical', 'finance', 'management']);
    const before = app.counts();
    const dup = await app.fail('departments.save', { name: 'Finance Department' });
    expect(dup).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'name', code: 'duplicate' })] });
    const padded = await app.fail('departments.save', { name: '  Finance Department ' });
    expect(padded.issues?.[0]?.code).toBe('duplicate');
    const rename = await app.fail('departments.save', { id: list[0]!.id, name: 'Production Department' });
    expect(rename.issues?.[0]?.code).toBe('duplicate');
    expect(app.counts()).toEqual(before);

    // Renaming to its own name, or to a free one, is fine; the code stays.
    expect(await app.call('departments.save', { id: list[0]!.id, name: 'Sales Department' })).toEqual(list[0]);
    expect(await app.call('departments.save', { id: list[0]!.id, name: '销售部' })).toEqual({ ...list[0], name: '销售部' });
    expect((await app.fail('departments.save', { id: 9999, name: 'Nowhere' })).issues?.[0]?.code).toBe('not_found');
  });

  it('refuses a profile in an unknown department', async () => {
    const app = await openTestApp();
    const r = await app.fail('users.create', { name: 'x', role: 'finance', departmentId: 9999 });
    expect(r).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'departmentId', code: 'not_found' })] });
  });
});
