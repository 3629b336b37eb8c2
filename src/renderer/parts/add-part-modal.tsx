import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/errors';
import { PART_USAGES, type Part, type PartUsage, type ServiceAction } from '../../shared/service';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { formatFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { PartPicker } from './part-picker';
import { partsIssueText, stockRefusal, stockRefusalText } from './stock-refusal';

/**
 * Adds a spare-part line to the case: which part, how it served (sent, used, repaired, refunded —
 * seed 002 §2), how many, whether it leaves the office's stock, the serial numbers of the faulty and
 * the replacement part, and the visit it was fitted on. Main refuses an issue beyond the stock; the
 * refusal is shown here with the choice to override it with a reason.
 */

interface Values {
  partId: number | null;
  usage: PartUsage;
  quantity: number;
  fromStock: boolean;
  faultySerial?: string;
  replacementSerial?: string;
  actionId?: number | null;
  note?: string;
  override?: boolean;
}

const FIELDS = ['partId', 'usage', 'quantity', 'faultySerial', 'replacementSerial', 'actionId', 'note'];

export function AddPartModal({ visits, onClose, onAdded }: { visits: ServiceAction[]; onClose(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const { file, fail } = useCase();
  const [form] = Form.useForm<Values>();
  const [part, setPart] = useState<Part | null>(null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<FieldIssue | null>(null);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const fromStock = Form.useWatch('fromStock', form) ?? true;
  const override = Form.useWatch('override', form) ?? false;
  const after = part ? part.onHand - quantity : null;
  const below = fromStock && after !== null && after < 0;
  const overStock = below || (fromStock && !!refusal);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await call('parts.addToCase', {
        id: file.id,
        version: file.version,
        partId: v.partId ?? 0,
        usage: v.usage,
        quantity: v.quantity,
        fromStock: v.fromStock,
        faultySerial: v.faultySerial ?? null,
        replacementSerial: v.replacementSerial ?? null,
        actionId: v.actionId ?? null,
        note: v.note ?? null,
        override: overStock && !!v.override,
      });
      onAdded();
    } catch (raw) {
      const e = toApiError(raw);
      const r = stockRefusal(e);
      const mine = e.code === 'VALIDATION' ? e.issues.filter((i) => FIELDS.includes(i.path)) : [];
      if (r) setRefusal(r);
      else if (mine.length) form.setFields(mine.map((i) => ({ name: i.path as keyof Values, errors: [partsIssueText(t, i)] })));
      else {
        fail(e);
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('parts.case.addTitle')}
      okText={t('case.savePart')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'case-part-save', loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="case-part"
        layout="vertical"
        className="case-form-grid"
        initialValues={{ partId: null, usage: 'used', quantity: 1, fromStock: true, actionId: null, override: false }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('usage' in changed) form.setFieldValue('fromStock', changed.usage === 'sent' || changed.usage === 'used');
          if ('partId' in changed || 'quantity' in changed || 'fromStock' in changed) setRefusal(null);
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="partId"
          label={t('parts.case.part')}
          className="case-span-all"
          rules={[{ required: true, message: t('parts.form.required') }]}
          extra={part ? t('parts.case.unitCostHint', { cost: formatFen(part.unitCost) }) : undefined}
        >
          <PartPicker id="case-part-pick" onChange={(_, p) => setPart(p)} />
        </Form.Item>
        <Form.Item name="usage" label={t('parts.case.usage')}>
          <Select id="case-part-usage" options={PART_USAGES.map((u) => ({ value: u, label: t(`parts.usage.${u}`) }))} />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.case.quantity')} rules={[{ required: true, message: t('parts.form.required') }]}>
          <InputNumber id="case-part-quantity" min={1} max={100_000} precision={0} suffix={part?.unit} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="fromStock" valuePropName="checked" className="case-span-all" style={{ marginBottom: 8 }}>
          <Checkbox id="case-part-from-stock">{t('parts.case.fromStockLabel')}</Checkbox>
        </Form.Item>
        {part && fromStock && (
          <Typography.Paragraph className="case-span-all" type={below ? 'danger' : 'secondary'} data-testid="case-part-after">
            {t('parts.case.afterIssue', { onHand: after, unit: part.unit })}
          </Typography.Paragraph>
        )}
        {refusal && (
          <Alert className="case-span-all" type="error" showIcon style={{ marginBottom: 12 }} title={t('parts.refusedTitle')} description={stockRefusalText(t, refusal)} data-testid="case-part-refusal" />
        )}
        {overStock && (
          <Form.Item name="override" valuePropName="checked" className="case-span-all" style={{ marginBottom: 8 }}>
            <Checkbox id="case-part-override">{t('parts.move.override')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="faultySerial" label={t('parts.case.faultySerial')}>
          <Input id="case-part-faulty" maxLength={100} />
        </Form.Item>
        <Form.Item name="replacementSerial" label={t('parts.case.replacementSerial')}>
          <Input id="case-part-replacement" maxLength={100} />
        </Form.Item>
        <Form.Item name="actionId" label={t('parts.case.visit')} className="case-span-all">
          <Select
            allowClear
            placeholder={t('parts.case.visitNone')}
            options={visits
              .filter((v) => v.state !== 'cancelled')
              .map((v) => ({ value: v.id, label: `${formatInstant(v.actualStart ?? v.plannedStart ?? v.createdAt)} · ${v.summary}` }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={overStock && override ? t('parts.move.noteAdjustment') : t('parts.case.note')}
          className="case-span-all"
          rules={[{ required: overStock && override, whitespace: true, message: t('parts.move.reasonRequired') }]}
        >
          <Input.TextArea id="case-part-note" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
