import { DatePicker, Form, Input, Radio, Rate, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { VERIFICATION_CHANNELS, type VerificationChannel } from '../../shared/domain';
import type { Verification } from '../../shared/types';
import { formatInstant } from '../common/format';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { NotYet, SectionCard } from './section-card';

/**
 * Verification with the customer after the service (seed 001: "verified by telephone or email"):
 * each call or mail is recorded; a customer who is not satisfied sends the case back to service.
 */

interface Values {
  channel: VerificationChannel;
  contactName?: string;
  verifiedAt?: Dayjs | null;
  resolved: boolean;
  satisfaction: number;
  note?: string;
}

function VerificationForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSubmit(done);
  const submit = (v: Values) =>
    run(() =>
      save(
        'complaints.recordVerification',
        {
          channel: v.channel,
          contactName: v.contactName ?? '',
          verifiedAt: v.verifiedAt ? v.verifiedAt.toISOString() : '',
          resolved: v.resolved,
          satisfaction: v.satisfaction,
          note: v.note ?? null,
        },
        { form },
      ),
    );
  return (
    <Form
      form={form}
      name="verification"
      layout="vertical"
      className="case-form-grid"
      initialValues={{
        channel: 'phone',
        contactName: file.contactName ?? '',
        verifiedAt: dayjs(),
        resolved: true,
        satisfaction: 5,
        note: '',
      }}
      onFinish={submit}
    >
      <Form.Item name="channel" label={t('verification.channel')}>
        <Radio.Group
          optionType="button"
          options={VERIFICATION_CHANNELS.map((c) => ({ value: c, label: t(`verification.channels.${c}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="contactName"
        label={t('verification.contact')}
        rules={[{ required: true, whitespace: true, message: t('case.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="verifiedAt" label={t('verification.at')} rules={[{ required: true, message: t('case.required') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="resolved" label={t('verification.resolved')}>
        <Radio.Group
          options={[
            { value: true, label: t('verification.yes') },
            { value: false, label: t('verification.no') },
          ]}
        />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('verification.satisfaction')} rules={[{ required: true, message: t('case.required') }]}>
        <Rate count={5} allowClear={false} />
      </Form.Item>
      <Form.Item name="note" label={t('verification.note')} className="case-span-all">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <div className="case-span-all">
        <FormButtons id="verification" saving={saving} onCancel={done} />
      </div>
    </Form>
  );
}

function VerificationList({ rows }: { rows: Verification[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      data-testid="verification-view"
      columns={[
        {
          key: 'at',
          title: t('verification.at'),
          render: (_, v) => (
            <>
              <div style={{ whiteSpace: 'nowrap' }}>{formatInstant(v.verifiedAt)}</div>
              <div className="case-byline">{t('verification.recordedBy', { name: v.recordedBy })}</div>
            </>
          ),
        },
        {
          key: 'with',
          title: t('verification.with'),
          render: (_, v) => t('verification.withValue', { channel: t(`verification.channels.${v.channel}`), contact: v.contactName }),
        },
        {
          key: 'result',
          title: t('verification.result'),
          render: (_, v) => (
            <>
              <Tag color={v.resolved ? 'green' : 'red'}>{v.resolved ? t('verification.yes') : t('verification.no')}</Tag>
              <Rate disabled value={v.satisfaction} className="case-rate" />
            </>
          ),
        },
        { key: 'note', title: t('verification.note'), render: (_, v) => v.note ?? '' },
      ]}
    />
  );
}

export function VerificationSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  return (
    <SectionCard
      section="verification"
      title={t('verification.title')}
      current={current}
      editLabel={t('verification.record')}
      form={(done) => <VerificationForm done={done} />}
    >
      {file.verifications.length ? <VerificationList rows={file.verifications} /> : <NotYet text={t('verification.none')} />}
    </SectionCard>
  );
}
