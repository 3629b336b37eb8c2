import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportAnalysis } from '../../src/shared/data-io';
import { encodeGb18030 } from '../fixtures/import/gbk';
import { b64, enWorkbook, zhRow, zhWorkbook, type Row } from '../fixtures/import/sheets';
import { complaintInput, openTestApp, type TestApp } from './helpers';
import { importCounts, runToEnd, waitForEnd } from './import-helpers';

/**
 * Issue 8, importing the office's old tracking table through the api as the import screen calls it:
 * a Chinese sheet with a merged title row and a two-row merged header, dates as date cells, serial
 * numbers and text, amounts with ¥ and separators, and bad rows. By default one bad row writes
 * nothing; in skip mode exactly the good rows are written and the left-out rows come back as a file.
 */

async function analyse(app: TestApp, rows: Row[], fileName = '投诉台账.xlsx'): Promise<ImportAnalysis> {
  return app.call('import.analyse', { fileName, data: b64(await zhWorkbook(rows)) });
}

const GOOD = Array.from({ length: 12 }, (_, i) => zhRow(i + 1));
/** Sheet rows 4.. are data (title, group row, header row above). */
const BAD: Row[] = [
  zhRow(101, { 1: '2024-13-05' }), // no such month
  zhRow(102, { 9: null }), // no description
  zhRow(103, { 14: '¥12.345' }), // three decimals
  zhRow(104, { 13: '2024-03-01' }), // closed before received (2024-03-05)
];

describe('import of an old tracking table', () => {
  it('reads the merged two-row Chinese header and suggests every field', async () => {
    const app = await openTestApp();
    const a = await analyse(app, GOOD);
    expect(a.sheet).toBe('投诉台账');
    expect(a.headerRow).toBe(3);
    expect(a.rowCount).toBe(12);
    expect(a.columns.map((c) => c.header)).toEqual([
      '跟踪号',
      '投诉日期',
      '客户信息 / 客户名称',
      '客户信息 / 地区',
      '联系人',
      '电话',
      '产品信息 / 产品型号',
      '产品信息 / 序列号',
      '发货日期',
      '问题描述',
      '问题类别',
      '严重程度',
      '处理状态',
      '结案日期',
      '金额',
    ]);
    expect(a.suggested).toEqual({
      trackingNo: 0,
      receivedAt: 1,
      customerName: 2,
      customerRegion: 3,
      contactName: 4,
      contactPhone: 5,
      productModel: 6,
      serialNo: 7,
      deliveryDate: 8,
      description: 9,
      defectCategory: 10,
      severity: 11,
      status: 12,
      closedAt: 13,
      amount: 14,
    });
    expect(a.columns[2]!.samples[0]).toBe('苏州恒达机械有限公司1');
  });

  it('writes nothing by default when a row is bad — no cases, customers or models either', async () => {
    const app = await openTestApp();
    const before = importCounts(app);
    const a = await analyse(app, [...GOOD, ...BAD]);
    const preview = await app.call('import.preview', { importId: a.importId, mapping: a.suggested });
    expect(preview).toMatchObject({ total: 16, valid: 12, invalid: 4, duplicates: 0 });
    const problems = Object.fromEntries(preview.problemRows.map((r) => [r.row, r.problems.map((p) => `${p.field}:${p.code}`)]));
    expect(problems).toEqual({
      16: ['receivedAt:date'],
      17: ['description:required'],
      18: ['amount:amount'],
      19: ['closedAt:closed_before_received'],
    });
    expect(preview.newCustomers.count).toBe(7);
    expect(preview.newProducts.names).toEqual(['SA-37A', 'SA-38A', 'SA-39A', 'SA-40A']);

    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    expect(end.phase).toBe('failed');
    expect(end.result?.failure).toEqual({ code: 'bad_rows', params: { count: 4 } });
    expect(importCounts(app)).toEqual(before);
  });

  it('in skip mode writes exactly the good rows, and answers the left-out rows as a file', async () => {
    const app = await openTestApp();
    const before = importCounts(app);
    const a = await analyse(app, [...GOOD.slice(0, 6), BAD[0]!, ...GOOD.slice(6), ...BAD.slice(1)]);
    const events: string[] = [];
    app.subscribe((e, p) => e === 'import.progress' && events.push((p as { phase: string }).phase));
    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: true });
    expect(end.phase).toBe('done');
    expect(end.result).toMatchObject({ created: 12, skipped: 4, customersCreated: 7, productsCreated: 4, closed: 6, costLines: 3 });
    expect(events.at(-1)).toBe('done');
    expect(events).toContain('writing');
    const after = importCounts(app);
    const grew = (t: string) => after[t]! - before[t]!;
    expect(grew('complaints')).toBe(12);
    expect(grew('customers')).toBe(7);
    expect(grew('product_models')).toBe(4);
    expect(grew('cost_lines')).toBe(3);
    expect(grew('import_batches')).toBe(1);

    // Original tracking numbers kept; the good ones only.
    const numbers = (app.store.sqlite.prepare('SELECT tracking_no FROM complaints ORDER BY tracking_no').all() as Array<{ tracking_no: string }>).map((r) => r.tracking_no);
    expect(numbers).toEqual(GOOD.map((r) => r[0]).sort());

    // A closed row: closed on its closing day (Shanghai midnight); an open one: registered, for the engine's next pass.
    const c1 = app.store.sqlite.prepare("SELECT * FROM complaints WHERE tracking_no = 'OLD-2024-00001'").get() as Record<string, unknown>;
    expect(c1).toMatchObject({ state: 'closed', closed_at: '2024-03-19T16:00:00.000Z', received_at: '2024-03-04T16:00:00.000Z', defect_category: 'electrical', severity: 'normal', customer_name: '苏州恒达机械有限公司1', delivery_date: '2023-06-01', engine_at: null });
    const c3 = app.store.sqlite.prepare("SELECT * FROM complaints WHERE tracking_no = 'OLD-2024-00003'").get() as Record<string, unknown>;
    expect(c3.received_at).toBe('2024-03-05T01:30:00.000Z'); // a date cell with a time, Shanghai
    const c2 = app.store.sqlite.prepare("SELECT * FROM complaints WHERE tracking_no = 'OLD-2024-00002'").get() as Record<string, unknown>;
    expect(c2).toMatchObject({ state: 'registered', closed_at: null, defect_category: 'leakage' });
    // The amount: a pending cost line for Finance, in fen.
    const c4 = app.store.sqlite.prepare("SELECT id FROM complaints WHERE tracking_no = 'OLD-2024-00004'").get() as { id: number };
    const raw = app.store.sqlite.prepare('SELECT amount, state, payer, cost_type, source FROM cost_lines WHERE complaint_id = ?').all(c4.id);
    expect(raw).toEqual([{ amount: 123450, state: 'pending', payer: 'company', cost_type: 'other', source: 'manual' }]);
    // One `imported` event per case, with the file and the row.
    const ev = app.store.sqlite.prepare("SELECT complaint_id, after FROM events WHERE kind = 'imported' ORDER BY id").all() as Array<{ after: string }>;
    expect(ev).toHaveLength(12);
    expect(JSON.parse(ev[0]!.after)).toMatchObject({ trackingNo: 'OLD-2024-00001', file: '投诉台账.xlsx', row: 4, keptNumber: true });

    // The left-out rows, with their original cells and their problems in the words given.
    const words = { header: '问题', row: '行号', fileSuffix: '未导入', 'field.receivedAt': '投诉日期', 'problem.date': '不是日期', 'field.description': '问题描述', 'problem.required': '必填' };
    const file = await app.call('import.skippedRows', { importId: a.importId, format: 'xlsx', words });
    expect(file.fileName).toBe('投诉台账-未导入.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.data, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]![0]).toBe('行号');
    expect(rows[0]!.at(-1)).toBe('问题');
    expect(rows.slice(1).map((r) => r[0])).toEqual([10, 17, 18, 19]);
    expect(rows[1]![1]).toBe('OLD-2024-00101');
    expect(rows[1]!.at(-1)).toBe('投诉日期: 不是日期 (2024-13-05)');
    expect(rows[2]!.at(-1)).toBe('问题描述: 必填');
    const csv = await app.call('import.skippedRows', { importId: a.importId, format: 'csv', words: {} });
    const text = Buffer.from(csv.data, 'base64').toString('utf8');
    expect(text.startsWith('\ufeffrow,跟踪号,投诉日期')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(5);
  });

  it('finds tracking numbers the store has already, and repeats in the file', async () => {
    const app = await openTestApp();
    const existing = await app.call('complaints.create', complaintInput());
    const rows = [zhRow(1), zhRow(2, { 0: existing.trackingNo }), zhRow(3, { 0: 'OLD-2024-00001' }), zhRow(4)];
    const a = await analyse(app, rows);
    const preview = await app.call('import.preview', { importId: a.importId, mapping: a.suggested });
    expect(preview.duplicates).toBe(2);
    expect(preview.problemRows).toEqual([
      { row: 5, problems: [{ field: 'trackingNo', code: 'duplicate_in_db', value: existing.trackingNo }] },
      { row: 6, problems: [{ field: 'trackingNo', code: 'duplicate_in_file', params: { row: 4 }, value: 'OLD-2024-00001' }] },
    ]);
    const before = importCounts(app);
    const refused = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    expect(refused.result?.failure?.code).toBe('bad_rows');
    expect(importCounts(app)).toEqual(before);
    const done = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: true });
    expect(done.result).toMatchObject({ created: 2, skipped: 2 });
  });

  it('refuses to create customers and models the person did not confirm', async () => {
    const app = await openTestApp();
    const before = importCounts(app);
    const a = await analyse(app, GOOD.slice(0, 3));
    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: false, skipBadRows: false });
    expect(end.result?.failure).toEqual({ code: 'missing_customers', params: { count: 3 } });
    expect(importCounts(app)).toEqual(before);
  });

  it('gives rows without a tracking number new numbers of the month they were received', async () => {
    const app = await openTestApp();
    const rows = [zhRow(1, { 0: null }), zhRow(2, { 0: 'CC-202403-0001' }), zhRow(3, { 0: null })];
    const a = await analyse(app, rows);
    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    expect(end.result?.created).toBe(3);
    const numbers = (app.store.sqlite.prepare('SELECT tracking_no FROM complaints ORDER BY id').all() as Array<{ tracking_no: string }>).map((r) => r.tracking_no);
    // The file's own CC-202403-0001 is not handed out again.
    expect(numbers).toEqual(['CC-202403-0002', 'CC-202403-0001', 'CC-202403-0003']);
  });

  it('cancelled while writing, writes nothing', async () => {
    const app = await openTestApp();
    const before = importCounts(app);
    const rows = Array.from({ length: 20_000 }, (_, i) => zhRow(i + 1, { 0: `T-${i}` }));
    const a = await analyse(app, rows);
    let cancelled: Promise<unknown> | null = null;
    const seen: string[] = [];
    app.subscribe((e, p) => {
      if (e !== 'import.progress') return;
      const s = p as { phase: string; done: number };
      seen.push(s.phase);
      if (s.phase === 'writing' && !cancelled) cancelled = app.call('import.cancel', { importId: a.importId });
    });
    await app.call('import.run', { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    const end = await waitForEnd(app, a.importId);
    expect(seen).toContain('writing');
    expect(end.phase).toBe('cancelled');
    expect(await cancelled).toMatchObject({ phase: 'cancelled' });
    expect(importCounts(app)).toEqual(before);
    // The store takes people's changes again at once.
    await app.call('complaints.create', complaintInput());
  }, 180_000);

  it('reads a GBK (GB18030) csv with English and Chinese headers and words', async () => {
    const app = await openTestApp();
    const header = 'Tracking No,Received,Customer,Region,Model,Serial,Description,Category,Severity,Status,Closed,Amount';
    const lines = [
      header,
      'A-1,2024/3/5 14:30,无锡精工,无锡,SA-37A,SN1,主机漏油,漏油,严重,closed,2024.3.20,"￥ 1,200"',
      'A-2,20240306,无锡精工,无锡,SA-37A,SN2,噪音大,Noise,minor,处理中,,-',
      'A-3,45357,Acme Ltd,Shanghai,SA-22,SN3,Paint scratched,外观划伤,一般,open,,80',
    ];
    const data = encodeGb18030(lines.join('\r\n'));
    const a = await app.call('import.analyse', { fileName: 'old.csv', data: b64(data) });
    expect(a.columns.map((c) => c.header)[2]).toBe('Customer');
    expect(a.suggested).toMatchObject({ trackingNo: 0, receivedAt: 1, customerName: 2, customerRegion: 3, productModel: 4, serialNo: 5, description: 6, defectCategory: 7, severity: 8, status: 9, closedAt: 10, amount: 11 });
    const preview = await app.call('import.preview', { importId: a.importId, mapping: a.suggested });
    expect(preview).toMatchObject({ total: 3, valid: 3, invalid: 0 });
    expect([...preview.newCustomers.names].sort()).toEqual(['Acme Ltd', '无锡精工']);
    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    expect(end.result).toMatchObject({ created: 3, closed: 1, costLines: 2 });
    const got = app.store.sqlite.prepare('SELECT tracking_no, received_at, customer_name, description, defect_category, severity, state FROM complaints ORDER BY tracking_no').all();
    expect(got).toEqual([
      { tracking_no: 'A-1', received_at: '2024-03-05T06:30:00.000Z', customer_name: '无锡精工', description: '主机漏油', defect_category: 'leakage', severity: 'major', state: 'closed' },
      { tracking_no: 'A-2', received_at: '2024-03-05T16:00:00.000Z', customer_name: '无锡精工', description: '噪音大', defect_category: 'noise_vibration', severity: 'minor', state: 'registered' },
      { tracking_no: 'A-3', received_at: '2024-03-05T16:00:00.000Z', customer_name: 'Acme Ltd', description: 'Paint scratched', defect_category: 'appearance', severity: 'normal', state: 'registered' },
    ]);
    const amounts = app.store.sqlite.prepare('SELECT amount FROM cost_lines ORDER BY amount').all();
    expect(amounts).toEqual([{ amount: 8000 }, { amount: 120000 }]);
  });

  it('shows words it does not know as warnings and imports them with a default', async () => {
    const app = await openTestApp();
    const buf = await enWorkbook(
      ['Tracking no', 'Date', 'Customer', 'Model', 'Description', 'Category', 'Severity'],
      [
        ['E-1', new Date(Date.UTC(2024, 0, 2)), 'Acme', 'SA-1', 'Broken fan', '风扇坏', 'major'],
        ['E-2', new Date(Date.UTC(2024, 0, 3)), 'Acme', 'SA-1', 'Broken fan', '风扇坏', 'whatever'],
      ],
    );
    const a = await app.call('import.analyse', { fileName: 'en.xlsx', data: b64(buf) });
    const preview = await app.call('import.preview', { importId: a.importId, mapping: a.suggested });
    expect(preview.invalid).toBe(0);
    expect(preview.warnings).toEqual([
      { field: 'defectCategory', value: '风扇坏', mappedTo: 'other', count: 2, rows: [2, 3] },
      { field: 'severity', value: 'whatever', mappedTo: 'normal', count: 1, rows: [3] },
    ]);
  });

  it('refuses a file it cannot read with a translated code, and an unknown import', async () => {
    const app = await openTestApp();
    const e = await app.fail('import.analyse', { fileName: 'x.xlsx', data: b64(Buffer.from('PK\u0003\u0004 not really a zip')) });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues?.[0]).toMatchObject({ path: 'data', code: 'file_unreadable' });
    const old = await app.fail('import.analyse', { fileName: 'old.xls', data: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])) });
    expect(old.issues?.[0]).toMatchObject({ code: 'file_unsupported' });
    expect((await app.fail('import.status', { importId: 'no-such-import' })).code).toBe('NOT_FOUND');
  });
});
