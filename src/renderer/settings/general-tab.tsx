import { App, Button, Form, Input, Select, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/types';
import { call } from '../api/client';
import { API_ERROR_KEY, useShowError } from '../common/api-errors';
import { currentLanguage } from '../i18n';
import { TrackingNumberField } from './tracking-number-field';
import { fenToYuan, yuanToFen } from './yuan';

interface Values {
  trackingNumberFormat: string;
  officeTimeZone: string;
  /** Typed in yuan; stored in fen. */
  chairmanCostThreshold: string;
  baseCurrency: string;
}

const FIELDS = new Set<string>(['trackingNumberFormat', 'officeTimeZone', 'chairmanCostThreshold', 'baseCurrency']);
const fieldFor = (path: string) => (FIELDS.has(path) ? path : null);

const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'KRW', 'SGD', 'TWD'];

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

function currencyName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The office-wide settings: tracking numbers (seed 002 §5.1), time zone, the chairman's threshold (§5.3), money. */
export function GeneralTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = currentLanguage();

  useEffect(() => {
    call('settings.get', {}).then(setSaved, showError);
  }, [showError]);

  const toValues = (s: Settings): Values => ({ ...s, chairmanCostThreshold: fenToYuan(s.chairmanCostThreshold) });

  async function save(v: Values) {
    if (!saved) return;
    const fen = yuanToFen(v.chairmanCostThreshold);
    const next = { ...v, trackingNumberFormat: v.trackingNumberFormat.trim(), chairmanCostThreshold: fen ?? -1 };
    const patch = Object.fromEntries(
      (Object.keys(next) as Array<keyof Settings>).filter((k) => next[k] !== saved[k]).map((k) => [k, next[k]]),
    ) as Partial<Settings>;
    if (!Object.keys(patch).length) return void message.info(t('settings.noChanges'));
    setBusy(true);
    try {
      const s = await call('settings.update', patch);
      setSaved(s);
      form.setFieldsValue(toValues(s));
      notification.destroy(API_ERROR_KEY);
      void message.success(t('settings.saved'));
    } catch (e) {
      showError(e, { instance: form, fieldFor });
    } finally {
      setBusy(false);
    }
  }

  if (!saved) return <Skeleton active />;
  const currencies = COMMON_CURRENCIES.includes(saved.baseCurrency) ? COMMON_CURRENCIES : [saved.baseCurrency, ...COMMON_CURRENCIES];

  return (
    <Form<Values>
      form={form}
      name="general"
      layout="vertical"
      style={{ maxWidth: 640 }}
      disabled={!editable}
      initialValues={toValues(saved)}
      onFinish={(v) => void save(v)}
    >
      <TrackingNumberField form={form} />
      <Form.Item name="officeTimeZone" label={t('settings.general.timeZone')} extra={t('settings.general.timeZoneHint')}>
        <Select style={{ width: 320 }} showSearch={{ optionFilterProp: 'label' }} options={timeZones(saved.officeTimeZone).map((z) => ({ value: z, label: z }))} />
      </Form.Item>
      <Form.Item
        name="chairmanCostThreshold"
        label={t('settings.general.threshold')}
        extra={t('settings.general.thresholdHint')}
        rules={[
          {
            validator: (_, v: string) =>
              yuanToFen(v ?? '') === null ? Promise.reject(new Error(t('settings.general.yuanInvalid'))) : Promise.resolve(),
          },
        ]}
      >
        <Input
          suffix={saved.baseCurrency === 'CNY' ? t('settings.general.yuan') : saved.baseCurrency}
          style={{ width: 240 }}
          inputMode="decimal"
        />
      </Form.Item>
      <Form.Item name="baseCurrency" label={t('settings.general.currency')} extra={t('settings.general.currencyHint')}>
        <Select
          style={{ width: 240 }}
          options={currencies.map((c) => ({ value: c, label: `${c} · ${currencyName(c, lang)}` }))}
        />
      </Form.Item>
      {editable && (
        <Space>
          <Button id="settings-save" type="primary" htmlType="submit" loading={busy}>
            {t('settings.save')}
          </Button>
          <Button htmlType="button" onClick={() => form.resetFields()}>
            {t('settings.undo')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
