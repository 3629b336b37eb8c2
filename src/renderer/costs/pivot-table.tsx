import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AmortisationPivot, PivotRow } from '../../shared/costs';
import type { Department } from '../../shared/types';
import { currentLanguage } from '../i18n';
import { costEnum, departmentLabel, monthNames } from './labels';
import { formatMinor } from './money';

/**
 * The pivot: one row per department (or person, product line, customer, cost type), the twelve
 * months and the year's total, a totals row; amounts in yuan. Closed months are marked with a lock.
 * A cell or a row's total opens the entries behind it.
 */

export interface DrillTarget {
  key: string;
  label: string;
  /** 1–12, or null for the whole year. */
  month: number | null;
  amount: number;
}

/** What a row is called on screen: departments in the person's language, "unallocated" translated. */
export function rowLabel(t: ReturnType<typeof useTranslation>['t'], pivot: AmortisationPivot, row: PivotRow, departments: Department[]): string {
  if (row.key === 'unallocated') return t('costsUi.pivot.unallocated');
  if (pivot.dimension === 'cost_type') return costEnum(t, 'costType', row.key);
  if (pivot.dimension === 'department' && /^\d+$/.test(row.key)) return departmentLabel(t, departments, Number(row.key), row.label);
  return row.label || t('costsUi.pivot.none');
}

const isPerson = (pivot: AmortisationPivot, key: string) => pivot.dimension === 'department' && /^(p|person):/.test(key);

export function PivotTable({
  pivot,
  departments,
  loading,
  onDrill,
}: {
  pivot: AmortisationPivot | null;
  departments: Department[];
  loading: boolean;
  onDrill(target: DrillTarget): void;
}) {
  const { t } = useTranslation();
  const months = monthNames(currentLanguage());
  const closed = new Set((pivot?.periods ?? []).filter((p) => p.closed).map((p) => Number(p.period.slice(5, 7))));

  const cell = (row: PivotRow, label: string, month: number | null, amount: number) =>
    amount === 0 ? (
      <span className="amort-zero">–</span>
    ) : (
      <a
        className={amount < 0 ? 'amort-negative' : undefined}
        data-testid={`pivot-cell-${row.key}-${month ?? 'total'}`}
        onClick={() => onDrill({ key: row.key, label, month, amount })}
      >
        {formatMinor(amount)}
      </a>
    );

  const columns: ColumnsType<PivotRow> = pivot
    ? [
        {
          title: t(`costsUi.pivot.rowTitle.${pivot.dimension}`),
          key: 'label',
          fixed: 'left',
          width: 180,
          render: (_, row) => (
            <span className="amort-label" data-testid={`pivot-row-${row.key}`}>
              {isPerson(pivot, row.key) && <UserOutlined className="amort-person" />}
              <Typography.Text ellipsis={{ tooltip: true }}>{rowLabel(t, pivot, row, departments)}</Typography.Text>
            </span>
          ),
        },
        ...months.map((name, i) => ({
          key: `m${i + 1}`,
          align: 'right' as const,
          title: closed.has(i + 1) ? (
            <Tooltip title={t('costsUi.pivot.closedMonth')}>
              <span data-testid={`pivot-closed-${i + 1}`}>
                <LockOutlined /> {name}
              </span>
            </Tooltip>
          ) : (
            name
          ),
          onHeaderCell: () => ({
            className: closed.has(i + 1) ? 'amort-closed' : undefined,
          }),
          onCell: () => ({
            className: closed.has(i + 1) ? 'amort-closed' : undefined,
          }),
          render: (_: unknown, row: PivotRow) => cell(row, rowLabel(t, pivot, row, departments), i + 1, row.months[i] ?? 0),
        })),
        {
          title: t('costsUi.pivot.total'),
          key: 'total',
          fixed: 'right',
          align: 'right',
          className: 'amort-total',
          render: (_, row) => <strong>{cell(row, rowLabel(t, pivot, row, departments), null, row.total)}</strong>,
        },
      ]
    : [];

  return (
    <Table<PivotRow>
      data-testid="pivot-table"
      className="amort-pivot"
      size="small"
      bordered
      rowKey="key"
      loading={loading}
      columns={columns}
      dataSource={pivot?.rows ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('costsUi.pivot.empty') }}
      summary={() =>
        pivot && pivot.rows.length > 0 ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row className="amort-sum" data-testid="pivot-totals">
              <Table.Summary.Cell index={0}>
                <strong>{t('costsUi.pivot.total')}</strong>
              </Table.Summary.Cell>
              {pivot.months.map((m, i) => (
                <Table.Summary.Cell key={i} index={i + 1} align="right" className={closed.has(i + 1) ? 'amort-closed' : undefined}>
                  {m === 0 ? <span className="amort-zero">–</span> : formatMinor(m)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={13} align="right" className="amort-total">
                <strong data-testid="pivot-grand-total">{formatMinor(pivot.total)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
