import { AuditOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/domain';
import { ESCALATION_LEVELS } from '../../shared/schemas/rules-escalation';
import type { ComplaintRow } from '../../shared/types';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { SeverityTag, StateTag } from '../complaints/enum-labels';
import { SlaDueCell } from '../complaints/tracking-cells';
import { WarrantyTag } from '../rules/engine-warranty';
import { LevelTag } from '../rules/escalation-rules';
import '../rules/rules.css';
import { navigate, paths } from '../shell/router';
import { useSession } from '../shell/session';

/**
 * The management review list (seed 000: "a practical set of points at which service complaints
 * should move beyond ordinary handling and into management review"): cases an escalation rule put
 * there, oldest escalation first, until a manager marks them reviewed with what was decided.
 */

/** The list is short in practice (cases management has not reviewed yet): read at once, paged and sorted here. */
const MAX = 500;
const MANAGEMENT: readonly Role[] = ['sales_manager', 'branch_manager', 'chairman'];

const levelOrder = (r: ComplaintRow) => (r.escalationLevel ? ESCALATION_LEVELS.indexOf(r.escalationLevel) : -1);

export function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { user } = useSession();
  const [rows, setRows] = useState<ComplaintRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [reviewing, setReviewing] = useState<ComplaintRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const manager = !!user && MANAGEMENT.includes(user.role);

  const load = useCallback(() => {
    call('management.reviewList', { startRow: 0, endRow: MAX }).then((r) => {
      setRows(r.rows);
      setMore(r.lastRow === null);
    }, showError);
  }, [showError]);
  useEffect(() => {
    load();
    return on('complaints.changed', load);
  }, [load]);

  async function markReviewed(row: ComplaintRow, note: string) {
    setBusy(true);
    try {
      const detail = await call('complaints.get', { id: row.id });
      await call('management.markReviewed', { id: row.id, version: detail.version, note });
      void message.success(t('review.marked'));
      setReviewing(null);
      form.resetFields();
      load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="review-page" data-testid="review-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('review.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('review.hint')}</Typography.Paragraph>
      {more && <Typography.Paragraph type="warning">{t('review.more', { count: MAX })}</Typography.Paragraph>}
      <Table<ComplaintRow>
        rowKey="id"
        size="middle"
        scroll={{ x: 1160 }}
        loading={rows === null}
        dataSource={rows ?? []}
        onRow={(r) => ({ onDoubleClick: () => navigate(paths.case(r.id)), className: 'review-row' })}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('review.total', { count: n }) }}
        columns={[
          {
            title: t('field.trackingNo'),
            key: 'trackingNo',
            width: 130,
            render: (_, r) => (
              <a data-testid="review-case" onClick={() => navigate(paths.case(r.id))}>
                {r.trackingNo}
              </a>
            ),
          },
          {
            title: t('table.col.escalationLevel'),
            key: 'level',
            width: 110,
            sorter: (a, b) => levelOrder(a) - levelOrder(b),
            render: (_, r) => <LevelTag level={r.escalationLevel} />,
          },
          {
            title: t('field.customerName'),
            key: 'customer',
            width: 220,
            ellipsis: true,
            render: (_, r) => (
              <div className="review-customer">
                <div className="review-ellipsis" title={r.customerName}>
                  {r.customerName}
                </div>
                <Typography.Text type="secondary" className="review-ellipsis" style={{ fontSize: 12, display: 'block' }}>
                  {[r.productModel, r.serialNo].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('field.severity'), key: 'severity', width: 80, render: (_, r) => <SeverityTag value={r.severity} /> },
          { title: t('field.state'), key: 'state', width: 120, render: (_, r) => <StateTag value={r.state} /> },
          {
            title: t('table.col.warrantyStatus'),
            key: 'warranty',
            width: 96,
            render: (_, r) => <WarrantyTag status={r.warrantyStatus} />,
          },
          {
            title: t('table.col.slaDueAt'),
            key: 'sla',
            width: 160,
            sorter: (a, b) => (a.slaDueAt ?? '9').localeCompare(b.slaDueAt ?? '9'),
            render: (_, r) => <SlaDueCell data={r} compact />,
          },
          {
            title: t('field.receivedAt'),
            key: 'receivedAt',
            width: 140,
            sorter: (a, b) => a.receivedAt.localeCompare(b.receivedAt),
            render: (_, r) => formatInstant(r.receivedAt),
          },
          ...(manager
            ? [
                {
                  title: '',
                  key: 'review',
                  width: 100,
                  fixed: 'right' as const,
                  render: (_: unknown, r: ComplaintRow) => (
                    <Button size="small" icon={<AuditOutlined />} data-testid={`review-mark-${r.id}`} onClick={() => setReviewing(r)}>
                      {t('review.mark')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={reviewing !== null}
        title={t('review.markTitleFor', { no: reviewing?.trackingNo ?? '' })}
        okText={t('review.mark')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setReviewing(null)}
        destroyOnHidden
        onOk={() => void form.validateFields().then(({ note }) => reviewing && markReviewed(reviewing, note))}
      >
        <Form form={form} layout="vertical" name="review">
          <Form.Item name="note" label={t('review.note')} rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} placeholder={t('review.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
