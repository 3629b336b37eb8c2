import { describe, expect, it } from 'vitest';
import { detectHeaderRow, headersAt, suggestMapping } from '../../src/main/import/headers';

/** Issue 8: finding the header of an old tracking table and suggesting the mapping. */

describe('header suggestions', () => {
  it('maps Chinese headers, variants included', () => {
    expect(suggestMapping(['编号', '受理日期', '客户', '区域', '联系人', '联系电话', '型号', '机号', '交货日期', '投诉内容', '缺陷类别', '等级', '状态', '关闭日期', '费用'])).toEqual({
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
  });

  it('maps English headers, case, spaces and full-width forms ignored', () => {
    expect(suggestMapping(['Tracking No.', 'RECEIVED', 'Customer Name', 'Model', 'Serial Number', 'Description', 'Ｃａｔｅｇｏｒｙ', 'Amount'])).toEqual({
      trackingNo: 0,
      receivedAt: 1,
      customerName: 2,
      productModel: 3,
      serialNo: 4,
      description: 5,
      defectCategory: 6,
      amount: 7,
    });
  });

  it('prefers the exact header, and a header that contains a field word otherwise; each column once', () => {
    const m = suggestMapping(['投诉日期', '发货日期', '日期（备注）', '问题描述（详细）', '备注']);
    expect(m).toEqual({ receivedAt: 0, deliveryDate: 1, description: 3 });
  });
});

describe('merged and two-row headers', () => {
  // Row 1 a title merged across, row 2 the groups (客户信息 over two columns, single headers merged down), row 3 the sub-headers.
  const rows = [
    ['2024 年客户投诉跟踪表'],
    ['跟踪号', '投诉日期', '客户信息', null, '问题描述'],
    [null, null, '客户名称', '地区', null],
    ['A-1', '2024-03-05', '无锡精工', '无锡', '漏油'],
  ];
  const merges = [
    { top: 0, left: 0, bottom: 0, right: 4 },
    { top: 1, left: 2, bottom: 1, right: 3 },
    { top: 1, left: 0, bottom: 2, right: 0 },
    { top: 1, left: 1, bottom: 2, right: 1 },
    { top: 1, left: 4, bottom: 2, right: 4 },
  ];

  it('joins a group cell with the headers under it, with the merges of an xlsx', () => {
    expect(detectHeaderRow(rows, merges, 5)).toBe(2);
    expect(headersAt(rows, 2, merges, 5)).toEqual(['跟踪号', '投诉日期', '客户信息 / 客户名称', '客户信息 / 地区', '问题描述']);
  });

  it('does the same without merge information (a csv)', () => {
    expect(detectHeaderRow(rows, [], 5)).toBe(2);
    expect(headersAt(rows, 2, [], 5)).toEqual(['跟踪号', '投诉日期', '客户信息 / 客户名称', '客户信息 / 地区', '问题描述']);
  });

  it('does not join a title row to a one-row header', () => {
    const plain = [['客户投诉跟踪表'], ['跟踪号', '投诉日期', '客户名称', '问题描述'], ['A-1', '2024-03-05', '无锡精工', '漏油']];
    const titleMerge = [{ top: 0, left: 0, bottom: 0, right: 3 }];
    expect(detectHeaderRow(plain, titleMerge, 4)).toBe(1);
    expect(headersAt(plain, 1, titleMerge, 4)).toEqual(['跟踪号', '投诉日期', '客户名称', '问题描述']);
    expect(suggestMapping(headersAt(plain, 1, titleMerge, 4))).toEqual({ trackingNo: 0, receivedAt: 1, customerName: 2, description: 3 });
  });
});
