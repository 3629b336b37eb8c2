import { Form, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RepeatSettings } from '../../shared/schemas/rules-escalation';
import { PolicyFrame, usePolicyDoc } from './policy-doc';

/**
 * What makes a complaint a repeat (issue 4): the same customer, the same model at that customer, or
 * the same serial number at least N times within D days. The escalation rules read the counts.
 */
const FIELDS = [
  ['windowDays', 1, 3650],
  ['minSameSerial', 2, 1000],
  ['minSameModel', 2, 1000],
  ['minSameCustomer', 2, 1000],
] as const satisfies ReadonlyArray<readonly [keyof RepeatSettings, number, number]>;

export function RepeatSettingsPanel() {
  const { t } = useTranslation();
  const policy = usePolicyDoc('repeat');
  const { draft } = policy;
  if (!draft) return <Skeleton active />;
  return (
    <PolicyFrame policy={policy} hint={t('rules.repeat.hint')}>
      <Form layout="horizontal" labelCol={{ flex: '260px' }} style={{ maxWidth: 560 }} disabled={!policy.editable}>
        {FIELDS.map(([key, min, max]) => (
          <Form.Item key={key} label={t(`rules.repeat.${key}`)}>
            <InputNumber<number>
              id={`repeat-${key}`}
              min={min}
              max={max}
              precision={0}
              value={draft[key]}
              suffix={t(key === 'windowDays' ? 'rules.repeat.days' : 'rules.repeat.times')}
              style={{ width: 160 }}
              onChange={(v) => v !== null && policy.change({ ...draft, [key]: v })}
            />
          </Form.Item>
        ))}
      </Form>
    </PolicyFrame>
  );
}
