import { Checkbox, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/domain';
import { ESCALATION_LEVELS, type EscalationLevel, type EscalationRule } from '../../shared/schemas/rules-escalation';
import { levelLabel, roleLabel, ruleDescription, ruleName } from './labels';

/** The parts of an escalation rule besides its conditions: name, level, actions. */

export interface EscalationValues {
  id: string;
  name: string;
  description: string;
  level: EscalationLevel;
  enabled: boolean;
  raisePriority: boolean;
  notify: Role[];
  email: boolean;
  requireChairman: boolean;
  managementReview: boolean;
  deescalate: boolean;
}

type T = Parameters<typeof ruleName>[0];

export function valuesOf(t: T, rule: EscalationRule | null): EscalationValues {
  if (!rule) {
    return {
      id: `rule-${Date.now().toString(36)}`,
      name: '',
      description: '',
      level: 'sales_manager',
      enabled: true,
      raisePriority: false,
      notify: ['sales_manager'],
      email: false,
      requireChairman: false,
      managementReview: false,
      deescalate: true,
    };
  }
  // A seeded name or description is edited in the person's language, and saved as he reads it.
  return {
    id: rule.id,
    name: ruleName(t, 'escalation', rule.id, rule.name),
    description: ruleDescription(t, 'escalation', rule.id, rule.description),
    level: rule.level,
    enabled: rule.enabled,
    ...rule.actions,
    deescalate: rule.deescalate,
  };
}

/** The rule as main takes it (the version is the one the editor started from, sent beside it). */
export function ruleOf(t: T, v: EscalationValues, conditions: unknown, original: EscalationRule | null) {
  const name = v.name.trim();
  const description = v.description.trim();
  const shown = original ? valuesOf(t, original) : null;
  return {
    id: v.id.trim(),
    // Unchanged words stay as stored, so that opening and saving a seeded rule changes nothing.
    name: original && name === shown?.name ? original.name : name,
    description: original && description === shown?.description ? original.description : description || null,
    enabled: v.enabled,
    level: v.level,
    conditions,
    actions: {
      raisePriority: v.raisePriority,
      notify: v.notify,
      email: v.email,
      requireChairman: v.requireChairman,
      managementReview: v.managementReview,
    },
    deescalate: v.deescalate,
  };
}
export function EscalationFields({ isNew, disabled }: { isNew: boolean; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name="name" label={t('rules.form.name')} rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
            <Input maxLength={200} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="id" label={t('rules.form.id')} extra={isNew ? t('rules.form.idHint') : undefined}>
            <Input maxLength={64} disabled={disabled || !isNew} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('rules.form.description')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} disabled={disabled} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="level" label={t('rules.form.level')}>
            <Select disabled={disabled} options={ESCALATION_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
          </Form.Item>
        </Col>
        <Col span={13}>
          <Form.Item name="notify" label={t('rules.form.notify')}>
            <Select mode="multiple" disabled={disabled} options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name="enabled" label={t('rules.form.enabled')} valuePropName="checked">
            <Switch disabled={disabled} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('rules.form.actions')} style={{ marginBottom: 8 }}>
        <div className="rule-actions">
          {(['raisePriority', 'email', 'requireChairman', 'managementReview', 'deescalate'] as const).map((k) => (
            <Form.Item key={k} name={k} valuePropName="checked" noStyle>
              <Checkbox id={`rule-${k}`} disabled={disabled}>
                {t(`rules.action.${k}`)}
              </Checkbox>
            </Form.Item>
          ))}
        </div>
      </Form.Item>
    </>
  );
}
