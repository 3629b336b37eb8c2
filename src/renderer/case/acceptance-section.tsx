import { DatePicker, Descriptions, Form, Input, Select, Space, Typography, Button } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Acceptance } from '../../shared/types';
import { DATE_FORMAT, formatInstant } from '../common/format';
import { UploadButton } from './attachments-section';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { NotYet, SectionCard } from './section-card';
import { openAttachment } from './upload';

/**
 * The customer's acceptance of the service (seed 001): who accepted it and when, and the receipt the
 * after-sales staff bring back for Finance — a scan or photo attached to the case.
 */

interface Values {
  acceptedBy?: string;
  acceptedOn?: Dayjs | null;
  receiptAttachmentId?: number | null;
  note?: string;
}

function AcceptanceForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSubmit(done);
  const a = file.acceptance;
  const receipts = file.attachments.filter((x) => x.purpose === 'receipt' || x.id === a?.receiptAttachmentId);
  const submit = (v: Values) =>
    run(() =>
      save(
        'complaints.recordAcceptance',
        {
          acceptedBy: v.acceptedBy ?? '',
          acceptedOn: v.acceptedOn ? v.acceptedOn.format(DATE_FORMAT) : '',
          receiptAttachmentId: v.receiptAttachmentId ?? null,
          note: v.note ?? null,
        },
        { form },
      ),
    );
  return (
    <Form
      form={form}
      name="acceptance"
      layout="vertical"
      className="case-form-grid"
      initialValues={{
        acceptedBy: a?.acceptedBy ?? file.contactName ?? '',
        acceptedOn: a ? dayjs(a.acceptedOn) : dayjs(),
        receiptAttachmentId: a?.receiptAttachmentId ?? receipts[receipts.length - 1]?.id ?? null,
        note: a?.note ?? '',
      }}
      onFinish={submit}
    >
      <Form.Item name="acceptedBy" label={t('acceptance.by')} rules={[{ required: true, whitespace: true, message: t('case.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="acceptedOn" label={t('acceptance.on')} rules={[{ required: true, message: t('case.required') }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label={t('acceptance.receipt')} className="case-span-all" extra={t('acceptance.receiptHint')}>
        <Space wrap>
          <Form.Item name="receiptAttachmentId" noStyle>
            <Select
              allowClear
              style={{ width: 260 }}
              placeholder={t('acceptance.receiptNone')}
              options={receipts.map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <UploadButton
            purpose="receipt"
            id="acceptance-upload"
            label={t('acceptance.uploadReceipt')}
            onAdded={(id) => form.setFieldValue('receiptAttachmentId', id)}
          />
        </Space>
      </Form.Item>
      <Form.Item name="note" label={t('acceptance.note')} className="case-span-all">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <div className="case-span-all">
        <FormButtons id="acceptance" saving={saving} onCancel={done} />
      </div>
    </Form>
  );
}

function AcceptanceView({ a }: { a: Acceptance }) {
  const { t } = useTranslation();
  const { file, fail } = useCase();
  const receipt = file.attachments.find((x) => x.id === a.receiptAttachmentId);
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="acceptance-view"
        items={[
          { key: 'by', label: t('acceptance.by'), children: a.acceptedBy },
          { key: 'on', label: t('acceptance.on'), children: a.acceptedOn },
          {
            key: 'receipt',
            label: t('acceptance.receipt'),
            span: 2,
            children: receipt ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void openAttachment(receipt.id).catch(fail)}>
                {receipt.name}
              </Button>
            ) : (
              t('acceptance.receiptNone')
            ),
          },
          ...(a.note ? [{ key: 'note', label: t('acceptance.note'), children: a.note, span: 2 }] : []),
        ]}
      />
      <Typography.Text type="secondary" className="case-byline">
        {t('case.recordedBy', { name: a.recordedBy, at: formatInstant(a.recordedAt) })}
      </Typography.Text>
    </>
  );
}

export function AcceptanceSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  return (
    <SectionCard
      section="acceptance"
      title={t('acceptance.title')}
      current={current}
      editLabel={file.acceptance ? undefined : t('acceptance.record')}
      form={(done) => <AcceptanceForm done={done} />}
    >
      {file.acceptance ? <AcceptanceView a={file.acceptance} /> : <NotYet text={t('acceptance.none')} />}
    </SectionCard>
  );
}
