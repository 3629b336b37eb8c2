import { Button, Card, Col, Form, Input, Radio, Row, Select, Switch, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, type CaseSection, type Classification } from '../../shared/domain';
import { LevelTag } from '../rules/escalation-rules';
import { ruleName } from '../rules/labels';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { LockHint, NotYet, useSectionEdit } from './section-card';
import { useCaseEngine } from './use-case-engine';

/**
 * Classification, owner, escalation and dispute: how the case is routed and watched. Seed 001 and
 * §5.1–5.2 of seed 002: quality problems go to production's after-sales team, non-quality ones stay
 * with sales administration; §6.3: a dispute is settled against the contract's provisions.
 * A case is escalated two ways, and the escalation part shows both: by hand (a person's decision,
 * which this form sets) and by the escalation rules (issue 4: the level the engine's firings reached).
 */

function Block({
  section,
  label,
  view,
  form,
}: {
  section: CaseSection;
  label: string;
  view: ReactNode;
  form(done: () => void): ReactNode;
}) {
  const { t } = useTranslation();
  const { blocker, editing, start, done } = useSectionEdit(section);
  return (
    <div className="case-block" data-testid={`block-${section}`}>
      <div className="case-block-head">
        <Typography.Text type="secondary">{label}</Typography.Text>
        {blocker ? (
          <LockHint section={section} />
        ) : (
          !editing && (
            <Button id={`${section}-edit`} type="link" size="small" onClick={start}>
              {t('case.change')}
            </Button>
          )
        )}
      </div>
      {editing ? form(done) : view}
    </div>
  );
}

function ClassificationForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<{ classification: Classification }>();
  const { saving, run } = useSubmit(done);
  return (
    <Form
      form={form}
      name="classification"
      initialValues={{ classification: file.classification ?? undefined }}
      onFinish={(v) => run(() => save('complaints.classify', v, { form }))}
    >
      <Form.Item name="classification" rules={[{ required: true, message: t('case.classification.required') }]}>
        <Radio.Group>
          {CLASSIFICATIONS.map((c) => (
            <Radio key={c} value={c} className="case-radio-block">
              {t(`case.classification.${c}`)}
              <div className="case-radio-hint">{t(`case.routing.${c}`)}</div>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <FormButtons id="classification" saving={saving} onCancel={done} />
    </Form>
  );
}

function OwnerForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, profiles, save } = useCase();
  const [form] = Form.useForm<{ ownerId: number | null }>();
  const { saving, run } = useSubmit(done);
  return (
    <Form
      form={form}
      name="owner"
      initialValues={{ ownerId: file.ownerId }}
      onFinish={(v) => run(() => save('complaints.assign', { ownerId: v.ownerId ?? null }, { form }))}
    >
      <Form.Item name="ownerId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('case.owner.placeholder')}
          options={profiles.map((p) => ({ value: p.id, label: t('case.withRole', { name: p.name, role: t(`enum.role.${p.role}`) }) }))}
        />
      </Form.Item>
      <FormButtons id="owner" saving={saving} onCancel={done} />
    </Form>
  );
}

function FlagForm({ kind, done }: { kind: 'escalation' | 'dispute'; done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<{ on: boolean; text?: string }>();
  const { saving, run } = useSubmit(done);
  const on = Form.useWatch('on', form);
  const initial =
    kind === 'escalation'
      ? { on: file.escalated, text: file.escalationReason ?? '' }
      : { on: file.disputeOpen, text: file.disputeNote ?? '' };
  const submit = (v: { on: boolean; text?: string }) =>
    run(() =>
      kind === 'escalation'
        ? save(
            'complaints.setEscalation',
            { escalated: v.on, reason: v.text ?? null },
            { form, fieldFor: (p) => (p === 'reason' ? ['text'] : null) },
          )
        : save('complaints.setDispute', { open: v.on, note: v.text ?? null }, { form, fieldFor: (p) => (p === 'note' ? ['text'] : null) }),
    );
  return (
    <Form form={form} name={kind} layout="vertical" initialValues={initial} onFinish={submit}>
      <Form.Item
        name="on"
        valuePropName="checked"
        style={{ marginBottom: 8 }}
        label={kind === 'escalation' ? t('case.escalation.byHand') : undefined}
        extra={kind === 'escalation' ? t('case.escalation.byHandHint') : undefined}
      >
        <Switch checkedChildren={t(`case.${kind}.on`)} unCheckedChildren={t(`case.${kind}.off`)} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t(`case.${kind}.text`)}
        extra={kind === 'dispute' ? t('case.dispute.contract') : undefined}
        rules={[{ required: kind === 'escalation' && !!on, message: t('case.escalation.reasonRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={kind === 'escalation' ? 1000 : 2000} />
      </Form.Item>
      <FormButtons id={kind} saving={saving} onCancel={done} />
    </Form>
  );
}

/** The escalation by hand and the one by the rules, each labelled, so that neither reads as the whole story. */
function EscalationView() {
  const { t } = useTranslation();
  const { file } = useCase();
  const { engine } = useCaseEngine();
  // The file's column first (there before the engine's answer), the engine's firings when they came.
  const level = engine?.escalation.level ?? file.escalationLevel;
  const rules = (engine?.escalation.active ?? []).map((f) =>
    t('case.escalation.rule', { name: ruleName(t, 'escalation', f.ruleId, f.ruleName), version: f.ruleVersion }),
  );
  return (
    <div className="case-escalation" data-testid="escalation-view">
      <div data-testid="escalation-by-hand">
        <Typography.Text type="secondary">{t('case.escalation.byHand')}</Typography.Text>{' '}
        {file.escalated ? (
          <Typography.Text type="danger">
            {t('case.withNote', { label: t('case.escalation.on'), note: file.escalationReason ?? '' })}
          </Typography.Text>
        ) : (
          <NotYet text={t('case.escalation.off')} />
        )}
      </div>
      <div data-testid="escalation-by-rules">
        <Typography.Text type="secondary">{t('case.escalation.byRules')}</Typography.Text>{' '}
        {level ? (
          <>
            <LevelTag level={level} />{' '}
            {rules.length > 0 && <Typography.Text>{rules.join(t('case.history.join'))}</Typography.Text>}
          </>
        ) : (
          <NotYet text={t('case.escalation.byRulesNone')} />
        )}
      </div>
    </div>
  );
}

export function RoutingSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file, profiles } = useCase();
  const owner = profiles.find((p) => p.id === file.ownerId);
  return (
    <Card size="small" title={t('case.section.routing')} className={`case-section${current ? ' case-section-current' : ''}`}>
      <Row gutter={[24, 12]}>
        <Col xs={24} md={12}>
          <Block
            section="classification"
            label={t('case.classification.label')}
            form={(done) => <ClassificationForm done={done} />}
            view={
              file.classification ? (
                <div data-testid="classification-view">
                  <Tag color={file.classification === 'quality' ? 'volcano' : 'cyan'}>
                    {t(`case.classification.${file.classification}`)}
                  </Tag>
                  <div className="case-radio-hint">{t(`case.routing.${file.classification}`)}</div>
                </div>
              ) : (
                <NotYet text={t('case.classification.none')} />
              )
            }
          />
        </Col>
        <Col xs={24} md={12}>
          <Block
            section="assignment"
            label={t('case.owner.label')}
            form={(done) => <OwnerForm done={done} />}
            view={
              file.ownerName ? (
                <span data-testid="owner-view">
                  {owner ? t('case.withRole', { name: file.ownerName, role: t(`enum.role.${owner.role}`) }) : file.ownerName}
                </span>
              ) : (
                <NotYet text={t('case.owner.none')} />
              )
            }
          />
        </Col>
        <Col xs={24} md={12}>
          <Block
            section="escalation"
            label={t('case.escalation.label')}
            form={(done) => <FlagForm kind="escalation" done={done} />}
            view={<EscalationView />}
          />
        </Col>
        <Col xs={24} md={12}>
          <Block
            section="dispute"
            label={t('case.dispute.label')}
            form={(done) => <FlagForm kind="dispute" done={done} />}
            view={
              file.disputeOpen ? (
                <Typography.Text type="warning">
                  {file.disputeNote ? t('case.withNote', { label: t('case.dispute.on'), note: file.disputeNote }) : t('case.dispute.on')}
                </Typography.Text>
              ) : (
                <NotYet
                  text={
                    file.disputeNote ? t('case.withNote', { label: t('case.dispute.off'), note: file.disputeNote }) : t('case.dispute.off')
                  }
                />
              )
            }
          />
        </Col>
      </Row>
    </Card>
  );
}
