import { Space, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { CostLineDetail } from '../../shared/costs';
import type { CostLineState } from '../../shared/service';
import { costEnum } from './labels';
import { formatAmount } from './money';

/**
 * The columns a cost line shows wherever it is listed (the case's cost card, Finance's vetting
 * queue): its type with the description, date and source, the amount in the base currency (and the
 * foreign amount with its rate), the payer, and its state's tags.
 */

export const COST_STATE_COLOR: Record<CostLineState, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

type Col = ColumnType<CostLineDetail>;

export function costTypeColumn(t: TFunction): Col {
  return {
    title: t('costsUi.col.type'),
    dataIndex: 'costType',
    render: (v: CostLineDetail['costType'], l) => (
      <div className="costs-case">
        <span>{costEnum(t, 'costType', v)}</span>
        {l.description && (
          <Typography.Text type="secondary" className="costs-desc" ellipsis={{ tooltip: l.description }}>
            {l.description}
          </Typography.Text>
        )}
      </div>
    ),
  };
}

export function dateSourceColumn(t: TFunction, width: number): Col {
  return {
    title: t('costsUi.col.dateSource'),
    dataIndex: 'incurredOn',
    width,
    render: (d: string, l) => (
      <div className="costs-case">
        <span>{d}</span>
        <Typography.Text type="secondary">{costEnum(t, 'source', l.source)}</Typography.Text>
      </div>
    ),
  };
}

export function amountColumn(t: TFunction, baseCurrency: string, width: number): Col {
  return {
    title: t('costsUi.col.amount'),
    key: 'amount',
    width,
    align: 'right',
    render: (_, l) => (
      <div className="costs-amount">
        <Typography.Text strong type={l.baseAmount < 0 ? 'danger' : undefined}>
          {formatAmount(l.baseAmount, baseCurrency)}
        </Typography.Text>
        {l.currency !== baseCurrency && (
          <Typography.Text type="secondary" className="costs-fx">
            {formatAmount(l.amount, l.currency)} × {l.fxRate}
          </Typography.Text>
        )}
      </div>
    ),
  };
}

export function payerColumn(t: TFunction): Col {
  return { title: t('costsUi.col.payer'), dataIndex: 'payer', width: 80, render: (v: string) => costEnum(t, 'payer', v) };
}

/** The state tag, and whether the line reverses another or was reversed. */
export function CostStateTags({ line, t, testId }: { line: CostLineDetail; t: TFunction; testId: string }) {
  return (
    <Space size={4} wrap>
      <Tag color={COST_STATE_COLOR[line.state]} data-testid={testId}>
        {costEnum(t, 'state', line.state)}
      </Tag>
      {line.reversesId !== null && <Tag color="purple">{t('costsUi.reversal')}</Tag>}
      {line.reversedBy !== null && <Tag>{t('costsUi.reversed')}</Tag>}
    </Space>
  );
}
