import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostLineDetail } from '../../shared/costs';
import { call } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { workflowReasons } from '../case/reasons';
import { costEnum, costIssueText, costReasonText } from './labels';
import { formatAmount } from './money';

/**
 * Finance's word on a line: approve (a comment if they like), reject (why, always), or reverse an
 * approved line (why, always) — a reversing line nets it to zero; nothing approved is ever edited.
 */

export type VetAction = 'approve' | 'reject' | 'reverse';

export function VetModal({
  line,
  action,
  baseCurrency,
  onClose,
  onDone,
}: {
  line: CostLineDetail;
  action: VetAction;
  baseCurrency: string;
  onClose(): void;
  onDone(line: CostLineDetail): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ comment?: string }>();
  const [saving, setSaving] = useState(false);
  const [refusals, setRefusals] = useState<string[]>([]);
  const required = action !== 'approve';

  const submit = async ({ comment }: { comment?: string }) => {
    setSaving(true);
    setRefusals([]);
    try {
      const text = comment?.trim() || null;
      const done =
        action === 'reverse'
          ? await call('costs.reverse', { lineId: line.id, reason: text ?? '' })
          : await call('costs.vet', {
              lineId: line.id,
              decision: action,
              comment: text,
            });
      onDone(done);
    } catch (raw) {
      const e = toApiError(raw);
      const reasons = workflowReasons(e);
      if (reasons.length) setRefusals(reasons.map((r) => costReasonText(t, r)));
      else if (e.code === 'VALIDATION' && e.issues.every((i) => i.path === 'comment' || i.path === 'reason')) {
        form.setFields([{ name: 'comment', errors: e.issues.map((i) => costIssueText(t, i)) }]);
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };

  const foreign = line.currency !== baseCurrency;
  return (
    <Modal
      open
      title={t(`costsUi.vet.title.${action}`)}
      okText={t(`costsUi.vet.ok.${action}`)}
      okButtonProps={{
        id: 'vet-ok',
        danger: action !== 'approve',
        loading: saving,
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'case',
            label: t('costsUi.col.case'),
            children: `${line.trackingNo} · ${line.customerName}`,
          },
          {
            key: 'type',
            label: t('costsUi.col.type'),
            children: `${costEnum(t, 'costType', line.costType)} · ${line.incurredOn}`,
          },
          {
            key: 'amount',
            label: t('costsUi.col.amount'),
            children: foreign
              ? `${formatAmount(line.amount, line.currency)} × ${line.fxRate ?? '?'} = ${formatAmount(line.baseAmount, baseCurrency)}`
              : formatAmount(line.baseAmount, baseCurrency),
          },
          {
            key: 'payer',
            label: t('costsUi.col.payer'),
            children: costEnum(t, 'payer', line.payer),
          },
          ...(line.description
            ? [
                {
                  key: 'desc',
                  label: t('costsUi.col.description'),
                  children: line.description,
                },
              ]
            : []),
        ]}
      />
      {action === 'reverse' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('costsUi.vet.reverseHint')} />}
      {refusals.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('costsUi.refused')}
          description={refusals.map((r, i) => (
            <div key={i}>{r}</div>
          ))}
        />
      )}
      <Form form={form} name="vet" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="comment"
          label={t(action === 'reverse' ? 'costsUi.vet.reason' : 'costsUi.vet.comment')}
          rules={
            required
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('costsUi.vet.commentRequired'),
                  },
                ]
              : []
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            autoFocus
            placeholder={required ? undefined : t('costsUi.vet.optional')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
