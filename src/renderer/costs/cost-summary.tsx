import { Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CostLine } from '../../shared/service';
import { costEnum } from './labels';
import { formatAmount } from './money';
import { summariseCosts, type SummaryRow } from './summary';

/**
 * A case's costs in short, on its page: what Finance approved and what waits, by cost type and by
 * who pays, in the base currency. The lines themselves are listed by the case's cost section.
 */
export function CostSummary({ lines, currency }: { lines: Pick<CostLine, 'costType' | 'payer' | 'state' | 'baseAmount'>[]; currency: string }) {
  const { t } = useTranslation();
  const s = summariseCosts(lines);
  const money = (fen: number) => (fen ? formatAmount(fen, currency) : '–');
  const table = <K extends string>(rows: SummaryRow<K>[], kind: 'costType' | 'payer', testId: string) => (
    <Table<SummaryRow<K>>
      data-testid={testId}
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('costsUi.summary.none') }}
      columns={[
        {
          title: t(`costsUi.summary.by.${kind}`),
          dataIndex: 'key',
          render: (k: K) => costEnum(t, kind, k),
        },
        {
          title: t('costsUi.summary.approved'),
          dataIndex: 'approved',
          align: 'right',
          width: 120,
          render: money,
        },
        {
          title: t('costsUi.summary.pending'),
          dataIndex: 'pending',
          align: 'right',
          width: 120,
          render: money,
        },
      ]}
    />
  );
  return (
    <div className="cost-summary" data-testid="cost-summary">
      <Space size={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('costsUi.summary.approvedTotal')} value={formatAmount(s.approved, currency)} />
        <Statistic title={t('costsUi.summary.pendingTotal')} value={formatAmount(s.pending, currency)} />
        {s.rejectedCount > 0 && <Typography.Text type="secondary">{t('costsUi.summary.rejected', { count: s.rejectedCount })}</Typography.Text>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {table(s.byType, 'costType', 'cost-summary-types')}
        </Col>
        <Col xs={24} lg={12}>
          {table(s.byPayer, 'payer', 'cost-summary-payers')}
        </Col>
      </Row>
    </div>
  );
}
