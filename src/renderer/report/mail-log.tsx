import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportSend } from '../../shared/analysis';
import { formatInstant } from '../common/format';

/** The send log: what went to whom, when, by whom (or by the schedule), and why it failed. */

const STATUS_COLOR: Record<ReportSend['status'], string> = { sent: 'success', failed: 'error', draft: 'default' };

export function SendLog({ rows, total, page, loading, onPage }: { rows: ReportSend[]; total: number; page: number; loading: boolean; onPage(p: number): void }) {
  const { t } = useTranslation();
  return (
    <Table<ReportSend>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      data-testid="mail-send-log"
      locale={{ emptyText: t('report.mail.log.empty') }}
      pagination={total > 10 ? { current: page, pageSize: 10, total, showSizeChanger: false, onChange: onPage } : false}
      columns={[
        { key: 'at', title: t('report.mail.log.at'), width: 150, render: (_, r) => formatInstant(r.at) },
        { key: 'month', title: t('report.mail.log.month'), dataIndex: 'month', width: 90 },
        { key: 'channel', title: t('report.mail.log.channel'), width: 110, render: (_, r) => t(`report.mail.channel.${r.channel}`) },
        {
          key: 'status',
          title: t('report.mail.log.status'),
          width: 150,
          render: (_, r) => (
            <>
              <Tag color={STATUS_COLOR[r.status]}>{t(`report.mail.status.${r.status}`)}</Tag>
              {r.error && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t(`report.mail.error.${r.error}`, { defaultValue: r.error })}
                </Typography.Text>
              )}
            </>
          ),
        },
        { key: 'recipients', title: t('report.mail.log.recipients'), render: (_, r) => r.recipients.join(', ') || '—' },
        { key: 'by', title: t('report.mail.log.by'), width: 110, render: (_, r) => r.by ?? t('report.mail.log.schedule') },
      ]}
    />
  );
}
