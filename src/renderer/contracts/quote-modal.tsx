import { DatePicker, Descriptions, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/errors';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { DATE_FORMAT } from '../common/format';
import { hundredthsRule, yuanToFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { caseIssueText } from '../case/reasons';

/**
 * A quotation for an after-sales service contract, created from the case (seed 001), prefilled
 * with the case's customer, serial number and model; a year's validity from the day the complaint came in by default (so it covers this case), the
 * quotation itself valid for 30 days.
 */

interface Values {
  scope?: string;
  serials?: string[];
  models?: string[];
  fee?: string;
  validity?: [Dayjs, Dayjs] | null;
  quoteValidUntil?: Dayjs | null;
  note?: string;
}

/** Server paths to this form's fields. */
const FIELD: Record<string, keyof Values> = {
  scope: 'scope',
  serials: 'serials',
  models: 'models',
  fee: 'fee',
  validFrom: 'validity',
  validTo: 'validity',
  quoteValidUntil: 'quoteValidUntil',
  note: 'note',
};

export function QuoteModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { file, refresh, fail } = useCase();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      await call('contracts.quote', {
        id: file.id,
        version: file.version,
        scope: v.scope?.trim() ?? '',
        serials: v.serials ?? [],
        models: v.models ?? [],
        fee: yuanToFen(v.fee ?? '') ?? 0,
        validFrom: v.validity?.[0].format(DATE_FORMAT) ?? '',
        validTo: v.validity?.[1].format(DATE_FORMAT) ?? '',
        quoteValidUntil: v.quoteValidUntil ? v.quoteValidUntil.format(DATE_FORMAT) : null,
        note: v.note?.trim() || null,
      });
      await refresh();
      onClose();
    } catch (raw) {
      const e = toApiError(raw);
      if (e.code === 'VALIDATION') {
        const fields = new Map<keyof Values, string[]>();
        const rest = [];
        for (const issue of e.issues) {
          const name = FIELD[issue.path.split('.')[0] ?? ''];
          const text = t(`contracts.issue.${issue.code}`, { ...issue.params, defaultValue: caseIssueText(t, issue) });
          if (name) fields.set(name, [...(fields.get(name) ?? []), text]);
          else rest.push(issue);
        }
        form.setFields([...fields].map(([name, errors]) => ({ name, errors })));
        if (rest.length) fail(new ApiError('VALIDATION', e.message, rest));
      } else fail(e);
    } finally {
      setBusy(false);
    }
  }

  const today = dayjs();
  // A contract quoted for this case covers it: its validity starts no later than the day the complaint came in.
  const received = dayjs(file.receivedAt).startOf('day');
  const start = received.isBefore(today, 'day') ? received : today;
  return (
    <Modal
      open
      width={640}
      title={t('contracts.quoteTitle')}
      okText={t('contracts.createQuote')}
      okButtonProps={{ id: 'contract-quote-ok', loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'customer', label: t('contracts.field.customer'), children: file.customerName },
          { key: 'case', label: t('contracts.field.case'), children: file.trackingNo },
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        name="contract-quote"
        onFinish={submit}
        initialValues={{
          serials: file.serialNo ? [file.serialNo] : [],
          models: file.serialNo ? [] : [file.productModel],
          validity: [start, start.add(1, 'year').subtract(1, 'day')],
          quoteValidUntil: today.add(30, 'day'),
        }}
      >
        <Form.Item name="scope" label={t('contracts.field.scope')} rules={[{ required: true, whitespace: true, message: t('contracts.required') }]}>
          <Input.TextArea id="contract-scope" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="serials" label={t('contracts.field.serials')} extra={t('contracts.unitsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} id="contract-serials" tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="models" label={t('contracts.field.models')}>
          <Select mode="tags" open={false} suffixIcon={null} id="contract-models" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item
          name="fee"
          label={t('contracts.feeYuan')}
          rules={[{ required: true, message: t('contracts.required') }, hundredthsRule(t('contracts.badAmount'), { required: true })]}
        >
          <Input id="contract-fee" prefix="¥" inputMode="decimal" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.Item name="validity" label={t('contracts.field.validity')} rules={[{ required: true, message: t('contracts.required') }]}>
          <DatePicker.RangePicker id="contract-validity" />
        </Form.Item>
        <Form.Item name="quoteValidUntil" label={t('contracts.field.quoteValidUntil')}>
          <DatePicker id="contract-quoteValidUntil" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('contracts.field.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
