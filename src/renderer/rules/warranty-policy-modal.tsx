import { Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFECT_CATEGORIES, type DefectCategory } from '../../shared/domain';
import {
  WARRANTY_START_EVENTS,
  type WarrantyPolicy,
  type WarrantyPolicySet,
  type WarrantyStartEvent,
} from '../../shared/schemas/rules-policies';
import { seededText } from './labels';

/** One warranty policy in a dialog: scope, period, start event, what it covers and excludes. */

interface Values {
  id: string;
  name: string;
  active: boolean;
  scopeKind: WarrantyPolicy['scope']['kind'];
  scopeValue: string;
  periodMonths: number;
  startEvent: WarrantyStartEvent;
  coveredDefects: DefectCategory[];
  coveredParts: string[];
  exclusions: string[];
  suspensions: string[];
}

export function catalogueLabel(
  t: ReturnType<typeof useTranslation>['t'],
  kind: 'exclusion' | 'suspension',
  entry: { code: string; label: string | null },
) {
  return entry.label ?? t(`warranty.${kind}.${entry.code}`, { defaultValue: entry.code });
}

function toValues(t: ReturnType<typeof useTranslation>['t'], p: WarrantyPolicy): Values {
  return {
    id: p.id,
    name: seededText(t, `warranty.seed.${p.id}`, p.name),
    active: p.active,
    scopeKind: p.scope.kind,
    scopeValue: p.scope.kind === 'model' ? p.scope.model : p.scope.kind === 'product_line' ? p.scope.productLine : '',
    periodMonths: p.periodMonths,
    startEvent: p.startEvent,
    coveredDefects: p.coveredDefects === 'all' ? [] : p.coveredDefects,
    coveredParts: p.coveredParts ?? [],
    exclusions: p.exclusions,
    suspensions: p.suspensions,
  };
}

function fromValues(t: ReturnType<typeof useTranslation>['t'], v: Values, original: WarrantyPolicy | null): WarrantyPolicy {
  const name = v.name.trim();
  const scope: WarrantyPolicy['scope'] =
    v.scopeKind === 'default'
      ? { kind: 'default' }
      : v.scopeKind === 'model'
        ? { kind: 'model', model: v.scopeValue.trim() }
        : { kind: 'product_line', productLine: v.scopeValue.trim() };
  return {
    id: v.id.trim(),
    // An unchanged seeded name stays as stored.
    name: original && name === seededText(t, `warranty.seed.${original.id}`, original.name) ? original.name : name,
    active: v.active,
    scope,
    periodMonths: v.periodMonths,
    startEvent: v.startEvent,
    coveredDefects: v.coveredDefects.length ? v.coveredDefects : 'all',
    coveredParts: v.coveredParts.length ? v.coveredParts : null,
    exclusions: v.exclusions,
    suspensions: v.suspensions,
  };
}

const BLANK: WarrantyPolicy = {
  id: '',
  name: '',
  active: true,
  scope: { kind: 'product_line', productLine: '' },
  periodMonths: 12,
  startEvent: 'installation',
  coveredDefects: 'all',
  coveredParts: null,
  exclusions: [],
  suspensions: [],
};

interface Props {
  policy: WarrantyPolicy | null;
  set: WarrantyPolicySet;
  editable: boolean;
  onCancel(): void;
  onOk(p: WarrantyPolicy): void;
}

export function WarrantyPolicyModal({ policy, set, editable, onCancel, onOk }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const scopeKind = Form.useWatch('scopeKind', form);
  const required = [{ required: true, whitespace: true, message: t('issue.required') }];
  return (
    <Modal
      open
      width={720}
      title={policy ? t('warranty.editTitle') : t('warranty.newTitle')}
      okText={t('warranty.apply')}
      onCancel={onCancel}
      okButtonProps={{ disabled: !editable, id: 'warranty-policy-ok' }}
      onOk={() => void form.validateFields().then((v) => onOk(fromValues(t, v, policy)))}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="warranty"
        disabled={!editable}
        initialValues={toValues(t, policy ?? { ...BLANK, exclusions: set.exclusionCodes.map((c) => c.code) })}
      >
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="name" label={t('warranty.col.name')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="id"
              label={t('rules.form.id')}
              rules={[...required, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('rules.issue.rule_code') }]}
            >
              <Input maxLength={40} disabled={!!policy} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="scopeKind" label={t('warranty.col.scope')}>
              <Select
                options={(['default', 'product_line', 'model'] as const).map((k) => ({ value: k, label: t(`warranty.scope.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            {scopeKind !== 'default' && (
              <Form.Item name="scopeValue" label={t(scopeKind === 'model' ? 'warranty.scopeModel' : 'warranty.scopeLine')} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="periodMonths" label={t('warranty.col.months')}>
              <InputNumber<number> min={1} max={240} precision={0} suffix={t('warranty.monthsUnit')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startEvent" label={t('warranty.col.startEvent')}>
              <Select options={WARRANTY_START_EVENTS.map((e) => ({ value: e, label: t(`warranty.startEvent.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="active" label={t('warranty.col.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="coveredDefects" label={t('warranty.coveredDefects')} extra={t('warranty.allIfEmpty')}>
          <Select mode="multiple" options={DEFECT_CATEGORIES.map((c) => ({ value: c, label: t(`enum.defectCategory.${c}`) }))} />
        </Form.Item>
        <Form.Item name="coveredParts" label={t('warranty.coveredParts')} extra={t('warranty.allIfEmpty')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="exclusions" label={t('warranty.col.exclusions')}>
          <Select mode="multiple" options={set.exclusionCodes.map((c) => ({ value: c.code, label: catalogueLabel(t, 'exclusion', c) }))} />
        </Form.Item>
        <Form.Item name="suspensions" label={t('warranty.col.suspensions')}>
          <Select
            mode="multiple"
            options={set.suspensionCodes.map((c) => ({ value: c.code, label: catalogueLabel(t, 'suspension', c) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
