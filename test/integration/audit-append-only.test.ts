import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../src/main/secrets/memory';
import type { SecretStore } from '../../src/main/secrets/port';
import { contract, type MethodInput, type MethodName } from '../../src/shared/contract';
import { ACCEPTANCE, complaintInput, driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * The audit trail is append-only: a save that changes nothing leaves nothing, a failed call leaves
 * nothing, no api method updates or deletes an event, and the database itself refuses it.
 */

const ROOT = join(__dirname, '..', '..');

/** A corrective action (issue 7) on the cases given, with one action planned. */
function capaInput(o: Office, caseIds: number[], over: Partial<MethodInput<'capa.create'>> = {}): MethodInput<'capa.create'> {
  return {
    kind: 'corrective',
    title: '缺陷类别：电气',
    problem: '电气类缺陷居柏拉图首位。',
    rootCause: null,
    ownerId: o.staff.production_technology,
    dueOn: '2026-12-31',
    effectivenessDueOn: null,
    actions: [{ description: '来料高温老化抽检', ownerId: o.staff.technical_support, dueOn: '2026-12-10' }],
    caseIds,
    source: null,
    ...over,
  };
}
/** The office's SMTP settings (issue 7), without the password. */
const SMTP = {
  host: 'smtp.hengda.example.com',
  port: 465,
  secure: true,
  user: 'desk@hengda.example.com',
  from: 'desk@hengda.example.com',
  recipients: ['chairman@hengda.example.com'],
  schedule: false,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('a save that changes nothing', () => {
  it('leaves no event and keeps the version, for every part of the form and the intake', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await o.edit('sales_manager', 'complaints.assign', f.id, { ownerId: o.staff.production_after_sales });
    await o.edit('sales_manager', 'complaints.setEscalation', f.id, { escalated: true, reason: '客户多次投诉' });
    await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: true, note: '合同' });
    await driveTo(o, f.id, 'investigating');
    const production = (await o.call('departments.list', {})).find((d) => d.code === 'production')!.id;
    const saves = [
      ['sales_admin', 'complaints.classify', { classification: 'quality' }],
      ['sales_manager', 'complaints.assign', { ownerId: o.staff.production_after_sales }],
      ['production_technology', 'complaints.saveInvestigation', { cause: '电容', countermeasures: '更换', method: 'five_why', whys: ['a', 'b'] }],
      ['production_technology', 'complaints.saveOptions', { options: [{ kind: 'repair', description: '维修', estimatedCost: 1000, payer: 'customer' }] }],
      ['sales_admin', 'complaints.recordAgreement', { agreed: true, customerPerson: '王伟', agreedOn: '2026-11-21', amount: 1000 }],
      ['sales_admin', 'complaints.saveResponsibility', { entries: [{ departmentId: production, shareBp: 10000 }] }],
      ['sales_manager', 'complaints.setEscalation', { escalated: true, reason: '客户多次投诉' }],
      ['sales_admin', 'complaints.setDispute', { open: true, note: '合同' }],
      ['sales_admin', 'complaints.update', { patch: { severity: 'normal', contactName: '王伟' } }],
    ] as const;
    for (const [who, method, input] of saves) {
      // The first save of each (some are already saved above) may change something; the second must not.
      if (method !== 'complaints.update') await o.edit(who, method, f.id, input as never);
      const before = { events: o.allEvents(), file: await o.file(f.id) };
      await o.edit(who, method, f.id, input as never);
      expect(o.allEvents(), method).toEqual(before.events);
      expect(await o.file(f.id), method).toEqual(before.file);
    }
  });

  it('leaves no event for the same acceptance saved twice while it still counts (once the case is back in service, see lifecycle-refusals)', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, ACCEPTANCE);
    const n = o.allEvents().length;
    await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, ACCEPTANCE);
    expect(o.allEvents()).toHaveLength(n);
  });

  it('leaves no event and keeps the version for a CAPA or the mail settings saved as they are (issue 7)', async () => {
    const o = await openOffice({ mail: { secrets: memorySecretStore() } });
    const f = await registerCase(o);
    await o.as('production_technology');
    const c = await o.call('capa.create', capaInput(o, [f.id]));
    const same = {
      capaId: c.id,
      version: c.version,
      kind: c.kind,
      title: c.title,
      problem: c.problem,
      rootCause: c.rootCause,
      ownerId: c.ownerId,
      dueOn: c.dueOn,
      effectivenessDueOn: c.effectivenessDueOn,
      actions: c.actions.map((x) => ({ id: x.id, description: x.description, ownerId: x.ownerId, dueOn: x.dueOn, done: x.state === 'done' })),
      caseIds: c.caseIds,
    };
    const before = o.allEvents();
    expect(await o.call('capa.update', same)).toEqual(c);
    expect(o.allEvents()).toEqual(before);

    await o.as('sales_admin');
    await o.call('report.saveMailSettings', { ...SMTP, password: 'Zx9-SMTP-geheim-密码-4711' });
    const n = o.allEvents().length;
    // The password left out, or left empty, keeps the stored one.
    await o.call('report.saveMailSettings', SMTP);
    await o.call('report.saveMailSettings', { ...SMTP, password: '' });
    expect(o.allEvents()).toHaveLength(n);
    expect(await o.call('report.mailSettings', {})).toMatchObject({ ...SMTP, passwordSet: true });
  });

  it('records every verification and every upload: each is a new act, even with the same content', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_verification');
    const v = { channel: 'phone', contactName: '王伟', verifiedAt: '2026-11-23T02:00:00.000Z', resolved: false, satisfaction: 2 } as const;
    const n = o.allEvents().length;
    await o.edit('sales_admin', 'complaints.recordVerification', f.id, v);
    await o.edit('sales_admin', 'complaints.recordVerification', f.id, v);
    await o.as('sales_admin');
    const add = { complaintId: f.id, name: 'a.txt', data: Buffer.from('same').toString('base64') };
    await o.call('attachments.add', add);
    await o.call('attachments.add', add);
    expect(o.allEvents().slice(n).map((e) => e.kind)).toEqual(['verification', 'verification', 'attachment_added', 'attachment_added']);
  });
});

describe('a failed call', () => {
  it('leaves no event: invalid input, a forbidden role or step, a stale version, an unknown case', async () => {
    const o = await openOffice();
    const f = await registerCase(o, null);
    const version = (await o.file(f.id)).version;
    const before = o.allEvents();
    const tries: Array<[Parameters<Office['as']>[0], string, unknown, string]> = [
      ['sales_admin', 'complaints.classify', { id: f.id, version, classification: 'maybe' }, 'VALIDATION'],
      ['sales_admin', 'complaints.create', { channel: 'phone' }, 'VALIDATION'],
      ['sales_admin', 'complaints.saveResponsibility', { id: f.id, version, entries: [{ personName: 'x', shareBp: 5000 }] }, 'VALIDATION'],
      ['finance', 'complaints.create', complaintInput(), 'FORBIDDEN'],
      ['finance', 'users.create', { name: 'x', role: 'admin' }, 'FORBIDDEN'],
      ['chairman', 'complaints.classify', { id: f.id, version, classification: 'quality' }, 'FORBIDDEN'],
      ['sales_manager', 'complaints.transition', { id: f.id, version, action: 'accept' }, 'FORBIDDEN'],
      ['sales_admin', 'complaints.transition', { id: f.id, version, action: 'close' }, 'FORBIDDEN'],
      ['sales_admin', 'complaints.classify', { id: f.id, version: version + 7, classification: 'quality' }, 'CONFLICT'],
      ['sales_admin', 'complaints.classify', { id: 9999, version: 0, classification: 'quality' }, 'NOT_FOUND'],
      ['sales_admin', 'attachments.add', { complaintId: f.id, name: 'e.txt', data: '' }, 'VALIDATION'],
      ['sales_admin', 'complaints.nonexistent', {}, 'UNKNOWN_METHOD'],
    ];
    for (const [who, method, input, code] of tries) {
      await o.as(who);
      expect((await o.fail(method, input)).code, method).toBe(code);
    }
    expect(o.allEvents()).toEqual(before);
    expect((await o.file(f.id)).version).toBe(version);
  });
});

describe('a failed call of issue 7', () => {
  it('leaves no event: a refused or stale CAPA write, mail settings refused or that the secret store could not keep', async () => {
    let locked = false;
    const memory = memorySecretStore();
    const secrets: SecretStore = {
      kind: 'os',
      get: (key) => memory.get(key),
      set: async (key, value) => {
        if (locked) throw new Error('the keychain is locked');
        await memory.set(key, value);
      },
    };
    const o = await openOffice({ mail: { secrets } });
    const f = await registerCase(o);
    await o.as('production_technology');
    const c = await o.call('capa.create', capaInput(o, [f.id], { actions: [] }));
    await o.as('sales_admin');
    await o.call('report.saveMailSettings', { ...SMTP, password: 'Old-SMTP-口令-0815' });
    const settings = await o.call('report.mailSettings', {});
    const before = o.allEvents();
    const update = { capaId: c.id, version: c.version, kind: c.kind, title: '改', problem: c.problem, caseIds: [] };
    const tries: Array<[Parameters<Office['as']>[0], string, unknown, string]> = [
      ['production_technology', 'capa.create', capaInput(o, [f.id, 9999]), 'VALIDATION'],
      ['production_technology', 'capa.create', capaInput(o, [], { ownerId: 9999 }), 'VALIDATION'],
      ['finance', 'capa.create', capaInput(o, [f.id]), 'FORBIDDEN'],
      // Nothing planned: not started; not closed by production, nor before its check.
      ['production_technology', 'capa.step', { capaId: c.id, version: c.version, action: 'start' }, 'FORBIDDEN'],
      ['production_technology', 'capa.step', { capaId: c.id, version: c.version, action: 'close', effectiveness: 'effective', checkedOn: '2026-11-21', note: '无' }, 'FORBIDDEN'],
      ['production_technology', 'capa.update', { ...update, version: c.version + 1 }, 'CONFLICT'],
      ['production_technology', 'capa.update', { ...update, caseIds: [9999] }, 'VALIDATION'],
      ['production_technology', 'capa.step', { capaId: 9999, version: 0, action: 'start' }, 'NOT_FOUND'],
      ['finance', 'report.saveMailSettings', { ...SMTP, host: 'smtp.other.example.com' }, 'FORBIDDEN'],
      ['sales_admin', 'report.saveMailSettings', { ...SMTP, recipients: ['not an address'] }, 'VALIDATION'],
    ];
    for (const [who, method, input, code] of tries) {
      await o.as(who);
      expect((await o.fail(method, input)).code, method).toBe(code);
    }
    // The keychain refuses the new password: the settings saved with it roll back, and their event with them.
    locked = true;
    await o.as('sales_admin');
    expect((await o.fail('report.saveMailSettings', { ...SMTP, host: 'smtp.other.example.com', password: 'New-SMTP-密码-4711' })).code).toBe('INTERNAL');
    expect(await o.call('report.mailSettings', {})).toEqual(settings);
    expect(o.allEvents()).toEqual(before);
    expect(await o.call('capa.get', { capaId: c.id })).toEqual(c);

    // A computer without a secret store refuses a password before anything is written.
    const bare = await openOffice();
    await bare.as('sales_admin');
    const n = bare.allEvents().length;
    expect((await bare.fail('report.saveMailSettings', { ...SMTP, password: 'Old-SMTP-口令-0815' })).issues).toEqual([expect.objectContaining({ path: 'password', code: 'secret_store_unavailable' })]);
    expect(bare.allEvents()).toHaveLength(n);
    expect(await bare.call('report.mailSettings', {})).toMatchObject({ host: '', passwordSet: false, secretStore: 'unavailable' });
  });
});

describe('no way to edit or delete an event', () => {
  it('has no api method that changes events: the only one about events reads them', () => {
    const names = Object.keys(contract) as MethodName[];
    const aboutEvents = names.filter((m) => /event|audit|timeline|history/i.test(m));
    // rules.history (issue 4) reads the versions of a rule document, not events; it changes nothing either.
    expect(aboutEvents).toEqual(['complaints.events', 'rules.history']);
    expect(contract['complaints.events'].mutates).toBe(false);
    expect(contract['rules.history'].mutates).toBe(false);
    // Every mutating method is one whose events the audit test checks as appended only.
    // calendar.removeDay (issue 4) takes a date out of the business calendar's day table, audited as calendar_changed.
    // costs.remove (issue 6) takes back a pending cost line typed by hand, audited as cost_line/remove.
    expect(names.filter((m) => contract[m].mutates && /(delete|remove|purge|erase|clear)/i.test(m))).toEqual(['calendar.removeDay', 'costs.remove']);
  });

  it('has no code in main that updates, deletes or replaces events (only the audit service and the demo loader insert)', () => {
    const files = sources(join(ROOT, 'src', 'main')).filter((p) => !p.includes(join('db', 'migrations')));
    const offending: string[] = [];
    const inserting: string[] = [];
    for (const p of files) {
      const text = readFileSync(p, 'utf8');
      const rel = relative(ROOT, p).split('\\').join('/');
      if (/(updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"]events['"]/.test(text)) offending.push(rel);
      if (/\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE\s+INTO)\s+["`]?events\b/i.test(text)) offending.push(rel);
      if (/insertInto\(\s*['"]events['"]/.test(text)) inserting.push(rel);
    }
    expect(offending).toEqual([]);
    expect(inserting.sort()).toEqual(['src/main/services/audit.ts', 'src/main/services/demo-data.ts']);
  });

  it('is refused by the database itself: UPDATE, DELETE and INSERT OR REPLACE on the raw handle', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const before = o.allEvents();
    const id = before.find((e) => e.complaintId === f.id)!.id;
    const db = o.store.sqlite;
    expect(() => db.prepare("UPDATE events SET kind = 'forged' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE events SET after = NULL').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    // REPLACE deletes the old row to insert the new one: that is a delete too.
    expect(() =>
      db
        .prepare("INSERT OR REPLACE INTO events (id, complaint_id, at, actor_id, kind, field, before, after) VALUES (?, ?, '2026-01-01T00:00:00.000Z', ?, 'forged', NULL, NULL, NULL)")
        .run(id, f.id, o.staff.admin),
    ).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO events (id, complaint_id, at, actor_id, kind) VALUES (?, ?, 'x', ?, 'forged') ON CONFLICT(id) DO UPDATE SET kind = 'forged'").run(id, f.id, o.staff.admin)).toThrow(/append-only/);
    // Through Kysely, as a service would write it.
    await expect(o.store.db.updateTable('events').set({ kind: 'forged' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(o.store.db.deleteFrom('events').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    expect(o.allEvents()).toEqual(before);
  });
});
