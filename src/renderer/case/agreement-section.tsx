import { DatePicker, Descriptions, Form, Input, Radio, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CustomerAgreement } from '../../shared/types';
import { DATE_FORMAT, formatInstant } from '../common/format';
import { formatFen, hundredthsRule, hundredthsText, yuanToFen } from './amounts';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { NotYet, SectionCard } from './section-card';

/**
 * The customer's agreement to the costs he is to bear (seed 002 §5.2: for non-quality problems "the
 * cost incurred … needs to be agreed by the customer"). Recorded by sales, with who agreed and when.
 */

interface Values {
  agreed: boolean;
  customerPerson?: string;
  agreedOn?: Dayjs | null;
  amount?: string;
  note?: string;
}

function AgreementForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSubmit(done);
  const a = file.agreement;
  const customerShare = file.options.filter((o) => o.payer === 'customer').reduce((s, o) => Math.max(s, o.estimatedCost), 0);
  const initial: Values = {
    agreed: a?.agreed ?? true,
    customerPerson: a?.customerPerson ?? file.contactName ?? '',
    agreedOn: a ? dayjs(a.agreedOn) : dayjs(),
    amount: hundredthsText(a?.amount ?? customerShare),
    note: a?.note ?? '',
  };
  const submit = (v: Values) =>
    run(() =>
      save(
        'complaints.recordAgreement',
        {
          agreed: v.agreed,
          customerPerson: v.customerPerson ?? '',
          agreedOn: v.agreedOn ? v.agreedOn.format(DATE_FORMAT) : '',
          amount: yuanToFen(v.amount ?? '') ?? 0,
          note: v.note ?? null,
        },
        { form },
      ),
    );
  return (
    <Form form={form} name="agreement" layout="vertical" initialValues={initial} onFinish={submit} className="case-form-grid">
      <Form.Item name="agreed" label={t('treatment.agreement.agreed')}>
        <Radio.Group
          options={[
            { value: true, label: t('treatment.agreement.yes') },
            { value: false, label: t('treatment.agreement.no') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="customerPerson"
        label={t('treatment.agreement.person')}
        rules={[{ required: true, whitespace: true, message: t('case.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="agreedOn" label={t('treatment.agreement.date')} rules={[{ required: true, message: t('case.required') }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('treatment.agreement.amount')}
        rules={[hundredthsRule(t('treatment.costInvalid'), { required: true, max: 10_000_000_000 })]}
      >
        <Input prefix="¥" inputMode="decimal" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="note" label={t('treatment.agreement.note')} className="case-span-all">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <div className="case-span-all">
        <FormButtons id="agreement" saving={saving} onCancel={done} />
      </div>
    </Form>
  );
}

function AgreementView({ a }: { a: CustomerAgreement }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="agreement-view"
        items={[
          {
            key: 'agreed',
            label: t('treatment.agreement.agreed'),
            children: <Tag color={a.agreed ? 'green' : 'red'}>{a.agreed ? t('treatment.agreement.yes') : t('treatment.agreement.no')}</Tag>,
          },
          { key: 'person', label: t('treatment.agreement.person'), children: a.customerPerson },
          { key: 'date', label: t('treatment.agreement.date'), children: a.agreedOn },
          { key: 'amount', label: t('treatment.agreement.amount'), children: formatFen(a.amount) },
          ...(a.note ? [{ key: 'note', label: t('treatment.agreement.note'), children: a.note, span: 2 }] : []),
        ]}
      />
      <Typography.Text type="secondary" className="case-byline">
        {t('case.recordedBy', { name: a.recordedBy, at: formatInstant(a.recordedAt) })}
      </Typography.Text>
    </>
  );
}

export function AgreementSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  return (
    <SectionCard
      section="agreement"
      title={t('treatment.agreement.title')}
      current={current}
      editLabel={file.agreement ? undefined : t('treatment.agreement.record')}
      form={(done) => <AgreementForm done={done} />}
    >
      {file.agreement ? <AgreementView a={file.agreement} /> : <NotYet text={t('treatment.agreement.none')} />}
    </SectionCard>
  );
}
