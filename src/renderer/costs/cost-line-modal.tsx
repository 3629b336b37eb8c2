import { Alert, App, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostLineDetail } from '../../shared/costs';
import { PAYERS } from '../../shared/domain';
import { COST_TYPES, type CostType } from '../../shared/service';
import type { CaseFile } from '../../shared/types';
import type { Payer } from '../../shared/domain';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { DATE_FORMAT } from '../common/format';
import { UploadButton } from '../case/attachments-section';
import { useCase } from '../case/case-context';
import { workflowReasons } from '../case/reasons';
import { costEnum, costIssueText, costReasonText } from './labels';
import { baseAmountOf, currencyDigits, formatAmount, minorText, parseMinor } from './money';

/**
 * A cost line typed in on a case, or a pending one typed in earlier corrected (seed 002 §5.3, §8):
 * what it is, when, how much in which currency (a foreign one with its rate; the base amount is
 * shown as main will compute it), who pays, and its receipt — an attachment of the case, or a file
 * uploaded here as a receipt. Lines of service records and approved lines are not edited here.
 * Mount it inside the case page (it uses the case's context).
 */

/** Currencies offered besides the base one; any ISO code main knows is accepted. */
const CURRENCIES = ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP', 'KRW', 'TWD', 'SGD', 'AUD', 'CHF'];

interface Values {
  costType?: CostType;
  incurredOn?: Dayjs | null;
  amount?: string;
  currency?: string;
  fxRate?: string;
  payer?: Payer;
  description?: string;
  receiptAttachmentId?: number | null;
}

const FIELDS = new Set(['costType', 'incurredOn', 'amount', 'currency', 'fxRate', 'payer', 'description', 'receiptAttachmentId']);

export interface CostLineModalProps {
  /** A pending manual line to correct; null for a new line. */
  line: CostLineDetail | null;
  onClose(): void;
  /** After a save, with the case as main answered it (the case page has already reloaded). */
  onSaved?(file: CaseFile): void;
}

export function CostLineModal({ line, onClose, onSaved }: CostLineModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { file, settings, fail, refresh } = useCase();
  const base = settings.baseCurrency;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusals, setRefusals] = useState<string[]>([]);
  const currency = (Form.useWatch('currency', form) ?? line?.currency ?? base).toUpperCase();
  const amountText = Form.useWatch('amount', form) ?? '';
  const rateText = Form.useWatch('fxRate', form) ?? '';
  const payer = Form.useWatch('payer', form);
  const digits = currencyDigits(currency);
  const baseDigits = currencyDigits(base) ?? 2;
  const foreign = currency !== base;
  const amount = digits === null ? null : parseMinor(String(amountText), digits);
  const preview = foreign && amount !== null && digits !== null ? baseAmountOf(amount, String(rateText), digits, baseDigits) : null;
  const receipts = file.attachments.filter((a) => a.purpose === 'receipt' || a.id === line?.receiptAttachmentId);
  const others = file.attachments.filter((a) => !receipts.includes(a));

  const submit = async (v: Values) => {
    const d = currencyDigits(v.currency ?? base);
    const minor = d === null ? null : parseMinor(v.amount ?? '', d);
    if (minor === null) return;
    setSaving(true);
    setRefusals([]);
    const fields = {
      costType: v.costType!,
      incurredOn: v.incurredOn ? v.incurredOn.format(DATE_FORMAT) : '',
      amount: minor,
      currency: (v.currency ?? base).toUpperCase(),
      fxRate: foreign ? (v.fxRate?.trim() ?? '') : null,
      payer: v.payer!,
      description: v.description?.trim() || null,
      receiptAttachmentId: v.receiptAttachmentId ?? null,
    };
    // The case's version as it is now: an upload made in this dialog has moved it on.
    try {
      const next = line
        ? await call('costs.update', {
            id: file.id,
            version: file.version,
            lineId: line.id,
            ...fields,
          })
        : await call('costs.add', {
            id: file.id,
            version: file.version,
            ...fields,
          });
      void message.success(t('costsUi.line.saved'));
      await refresh();
      onSaved?.(next);
      onClose();
    } catch (raw) {
      const e = toApiError(raw);
      const reasons = workflowReasons(e);
      if (reasons.length) {
        setRefusals(reasons.map((r) => costReasonText(t, r)));
      } else if (e.code === 'VALIDATION') {
        const byField = new Map<string, string[]>();
        const rest: string[] = [];
        for (const i of e.issues) {
          if (FIELDS.has(i.path)) byField.set(i.path, [...(byField.get(i.path) ?? []), costIssueText(t, i)]);
          else rest.push(costIssueText(t, i));
        }
        form.setFields(
          [...byField].map(([name, errors]) => ({
            name: name as keyof Values,
            errors,
          })),
        );
        setRefusals(rest);
      } else {
        fail(e);
        if (e.code === 'CONFLICT') onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(line ? 'costsUi.line.editTitle' : 'costsUi.line.addTitle')}
      okText={t('costsUi.line.save')}
      okButtonProps={{ id: 'cost-line-save', loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {refusals.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="cost-line-refused"
          title={t('costsUi.refused')}
          description={refusals.map((r, i) => (
            <div key={i}>{r}</div>
          ))}
        />
      )}
      <Form<Values>
        form={form}
        name="cost-line"
        layout="vertical"
        className="cost-line-form"
        initialValues={{
          costType: line?.costType,
          incurredOn: line ? dayjs(line.incurredOn) : dayjs(),
          amount: line ? minorText(line.amount, currencyDigits(line.currency) ?? 2) : '',
          currency: line?.currency ?? base,
          fxRate: line?.fxRate ?? '',
          payer: line?.payer ?? 'company',
          description: line?.description ?? '',
          receiptAttachmentId: line?.receiptAttachmentId ?? null,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Space size={16} align="start" wrap>
          <Form.Item name="costType" label={t('costsUi.col.type')} rules={[{ required: true, message: t('costsUi.line.required') }]}>
            <Select
              style={{ width: 200 }}
              options={COST_TYPES.map((c) => ({
                value: c,
                label: costEnum(t, 'costType', c),
              }))}
            />
          </Form.Item>
          <Form.Item name="incurredOn" label={t('costsUi.col.date')} rules={[{ required: true, message: t('costsUi.line.required') }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="payer" label={t('costsUi.col.payer')} rules={[{ required: true, message: t('costsUi.line.required') }]}>
            <Select
              style={{ width: 180 }}
              options={PAYERS.map((p) => ({
                value: p,
                label: costEnum(t, 'payer', p),
              }))}
            />
          </Form.Item>
        </Space>
        {payer === 'customer' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('costsUi.line.customerHint')}
          </Typography.Paragraph>
        )}
        <Space size={16} align="start" wrap>
          <Form.Item
            name="amount"
            label={t('costsUi.line.amount', {
              unit: t(`costsUi.line.unit.${currency}`, {
                defaultValue: currency,
              }),
            })}
            rules={[
              { required: true, message: t('costsUi.line.required') },
              {
                validator: async (_, v: unknown) => {
                  const text = typeof v === 'string' ? v : '';
                  if (!text.trim() || digits === null) return;
                  const n = parseMinor(text, digits);
                  if (n === null || n < 1) throw new Error(t('costsUi.line.badAmount', { digits }));
                },
              },
            ]}
          >
            <Input style={{ width: 200 }} inputMode="decimal" placeholder={digits === 0 ? '1500' : '1234.50'} />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t('costsUi.line.currency')}
            rules={[
              {
                validator: async (_, v: unknown) => {
                  if (typeof v === 'string' && currencyDigits(v) === null) throw new Error(t('costsUi.line.badCurrency'));
                },
              },
            ]}
          >
            <Select
              style={{ width: 120 }}
              showSearch
              options={[base, ...CURRENCIES.filter((c) => c !== base)].map((c) => ({ value: c, label: c }))}
              onChange={() => void form.validateFields(['amount']).catch(() => undefined)}
            />
          </Form.Item>
          {foreign && (
            <Form.Item
              name="fxRate"
              label={t('costsUi.line.fxRate', { currency, base })}
              extra={
                preview !== null
                  ? t('costsUi.line.basePreview', {
                      amount: formatAmount(preview, base),
                    })
                  : t('costsUi.line.fxHint')
              }
              rules={[
                { required: true, message: t('costsUi.line.required') },
                {
                  pattern: /^(?:0|[1-9]\d{0,5})(?:\.\d{1,6})?$/,
                  message: t('costsUi.line.badRate'),
                },
              ]}
            >
              <Input style={{ width: 200 }} inputMode="decimal" placeholder="7.1234" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="description" label={t('costsUi.col.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('costsUi.col.receipt')} extra={t('costsUi.line.receiptHint')}>
          <Space wrap>
            <Form.Item name="receiptAttachmentId" noStyle>
              <Select
                allowClear
                style={{ width: 300 }}
                placeholder={t('costsUi.noReceipt')}
                options={[
                  ...(receipts.length
                    ? [
                        {
                          label: t('costsUi.line.receipts'),
                          options: receipts.map((a) => ({
                            value: a.id,
                            label: a.name,
                          })),
                        },
                      ]
                    : []),
                  ...(others.length
                    ? [
                        {
                          label: t('costsUi.line.otherFiles'),
                          options: others.map((a) => ({
                            value: a.id,
                            label: a.name,
                          })),
                        },
                      ]
                    : []),
                ]}
              />
            </Form.Item>
            <UploadButton
              purpose="receipt"
              id="cost-line-upload"
              label={t('costsUi.line.upload')}
              onAdded={(id) => form.setFieldValue('receiptAttachmentId', id)}
            />
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
