import { Alert, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowAction } from '../../shared/domain';
import type { ActionVerdict, Blocker } from '../../shared/types';
import { formatFen } from './amounts';
import { useCase, type CaseApi } from './case-context';
import { useSubmit } from './form-bits';
import { kindLabel, payerLabel } from './labels';
import { reasonText } from './reasons';

/**
 * One step of the procedure, confirmed: where it leads, and what it needs — a reason (reject, send
 * back, reopen), or the chosen treatment option with the decision's reasons (the sales manager's
 * and, required, the chairman's: seed 002 §5.3).
 */

const NEEDS_REASON: ReadonlySet<WorkflowAction> = new Set([
  'reject',
  'return_to_investigation',
  'chairman_return',
  'reopen',
  'chairman_decide',
]);
const CHOOSES_OPTION: ReadonlySet<WorkflowAction> = new Set(['decide', 'chairman_decide']);

interface Values {
  optionIndex?: number;
  reason?: string;
}

/** Why the chairman must decide if this option is chosen; the server has the last word. */
function chairmanFor(c: CaseApi, verdict: ActionVerdict, index: number | undefined): Blocker | null {
  // Escalation and safety hold whatever is chosen; the cost depends on the option.
  const fixed = [c.workflow.chairmanRequired, verdict.note ?? null].find((b) => b && b.code !== 'chairman_cost');
  if (fixed) return fixed;
  const o = index === undefined ? undefined : c.file.options[index];
  if (o && o.estimatedCost > c.settings.chairmanCostThreshold) {
    return { code: 'chairman_cost', params: { cost: o.estimatedCost, threshold: c.settings.chairmanCostThreshold }, message: '' };
  }
  return null;
}

export function ActionModal({ verdict, onClose }: { verdict: ActionVerdict; onClose(): void }) {
  const { t } = useTranslation();
  const c = useCase();
  const { file, save } = c;
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSubmit(onClose);
  const action = verdict.action;
  const choosing = CHOOSES_OPTION.has(action);
  const preset = file.chosenOption ?? (file.options.length === 1 ? 0 : undefined);
  const optionIndex = Form.useWatch('optionIndex', form) ?? preset;
  const chairman = action === 'decide' ? chairmanFor(c, verdict, optionIndex) : null;
  const to = action === 'decide' ? (chairman ? 'awaiting_chairman' : 'in_service') : verdict.to;

  const submit = (v: Values) =>
    run(() =>
      save(
        'complaints.transition',
        { action, reason: v.reason ?? null, optionIndex: choosing ? (v.optionIndex ?? null) : null },
        { form, fieldFor: (p) => (p === 'reason' || p === 'optionIndex' ? [p] : null) },
      ),
    );

  return (
    <Modal
      open
      title={t(`workflow.action.${action}`)}
      okText={t(`workflow.action.${action}`)}
      okButtonProps={{ id: 'action-confirm', loading: saving, danger: action === 'reject' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={choosing ? 640 : 480}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="action" initialValues={{ optionIndex: preset, reason: '' }} onFinish={submit}>
        <Typography.Paragraph>{t(`workflow.confirm.${action}`, { trackingNo: file.trackingNo })}</Typography.Paragraph>
        {chairman && (
          <Alert type="warning" showIcon data-testid="decide-note" title={reasonText(t, chairman)} style={{ marginBottom: 16 }} />
        )}
        {action === 'chairman_decide' && file.decisionNote && (
          <Alert
            type="info"
            title={t('workflow.managerSaid', { name: file.decidedBy ?? '', note: file.decisionNote })}
            style={{ marginBottom: 16 }}
          />
        )}
        {choosing && (
          <Form.Item
            name="optionIndex"
            label={t('workflow.chooseOption')}
            rules={[{ required: true, message: t('workflow.reason.option_required') }]}
          >
            <Radio.Group className="case-option-radios">
              <Space orientation="vertical">
                {file.options.map((o, i) => (
                  <Radio key={i} value={i} data-testid={`choose-option-${i}`}>
                    <span>
                      {i + 1}. {kindLabel(t, o.kind)} — {o.description}
                    </span>
                    <div className="case-radio-hint">
                      {formatFen(o.estimatedCost, o.currency)} · {t('workflow.paidBy', { payer: payerLabel(t, o.payer) })}
                      {o.estimatedCost > c.settings.chairmanCostThreshold && (
                        <Tag color="gold" style={{ marginInlineStart: 8 }}>
                          {t('workflow.overThreshold')}
                        </Tag>
                      )}
                    </div>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        {(NEEDS_REASON.has(action) || action === 'decide') && (
          <Form.Item
            name="reason"
            label={t(choosing ? 'workflow.decisionReasons' : 'workflow.reasonLabel')}
            rules={[{ required: NEEDS_REASON.has(action), whitespace: true, message: t('workflow.reason.reason_required') }]}
          >
            <Input.TextArea id="action-reason" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        )}
        {to && (
          <Typography.Text type="secondary" data-testid="action-leads-to">
            {t('workflow.leadsTo', { state: t(`enum.state.${to}`) })}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
