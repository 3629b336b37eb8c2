import { Col, DatePicker, Divider, Form, Input, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/domain';
import { DATE_FORMAT, INSTANT_FORMAT } from '../common/format';
import { ContactInput } from './contact-input';
import { choiceOptions } from './enum-labels';
import { ProductInput } from './product-input';

/**
 * The intake part of the customer feedback processing form, shared by registration and editing.
 * Client rules only catch the obvious (required, length); the server decides and its issues are
 * shown on the same fields. Form item names are the api's field names, so the ids are stable
 * (`register_receivedAt`, `case_receivedAt`, …).
 */

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
/** On today's date, the hours and minutes still to come cannot be picked either. */
const notFutureTime = (d: Dayjs | null) => {
  const now = dayjs();
  if (!d || !d.isSame(now, 'day')) return {};
  return {
    disabledHours: () => range(now.hour() + 1, 24),
    disabledMinutes: (h: number) => (h === now.hour() ? range(now.minute() + 1, 60) : []),
  };
};

interface Props {
  form: FormInstance;
  /** The customer box: with "create new" when registering, existing customers only when editing. */
  customerField: ReactNode;
  /** Region of a customer created on the spot, when that is what was chosen. */
  regionField?: ReactNode;
}

export function IntakeFields({ form, customerField, regionField }: Props) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('issue.required') }];
  const customerValue = Form.useWatch('customerId', form) as unknown;
  const customerId = typeof customerValue === 'number' ? customerValue : null;

  return (
    <>
      <Divider titlePlacement="start">{t('register.sectionReceipt')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="receivedAt" label={t('field.receivedAt')} rules={required}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={INSTANT_FORMAT}
              disabledDate={notFuture}
              disabledTime={notFutureTime}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="channel" label={t('field.channel')} rules={required}>
            <Select options={choiceOptions(t, 'channel')} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('register.sectionCustomer')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t('field.customerId')} rules={required}>
            {customerField}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {regionField}
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactName" label={t('field.contactName')}>
            <ContactInput customerId={customerId} form={form} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactPhone" label={t('field.contactPhone')}>
            <Input maxLength={LIMITS.phone} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactEmail" label={t('field.contactEmail')} rules={[{ type: 'email', message: t('issue.email') }]}>
            <Input maxLength={LIMITS.email} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('register.sectionProduct')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <Form.Item name="productModel" label={t('field.productModel')} rules={required}>
            <ProductInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="serialNo" label={t('field.serialNo')}>
            <Input maxLength={LIMITS.serialNo} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="deliveryDate" label={t('field.deliveryDate')}>
            <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('register.sectionProblem')}</Divider>
      <Form.Item name="description" label={t('field.description')} rules={required}>
        <Input.TextArea
          rows={5}
          maxLength={LIMITS.description}
          showCount
          placeholder={t('register.descriptionPlaceholder')}
        />
      </Form.Item>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="defectCategory" label={t('field.defectCategory')} rules={required}>
            <Select options={choiceOptions(t, 'defectCategory')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="severity" label={t('field.severity')} rules={required}>
            <Radio.Group optionType="button" buttonStyle="solid" options={choiceOptions(t, 'severity')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
