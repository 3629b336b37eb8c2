import { Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { minutesOfDay, SLA_CLOCK_KINDS, type SlaClockKind, type SlaRule } from '../../shared/schemas/rules-policies';
import { SeverityTag } from '../complaints/enum-labels';
import { DurationInput } from './duration-input';
import { clockLabel, seededText } from './labels';
import { PolicyFrame, usePolicyDoc } from './policy-doc';
import { useRuleDocs } from './use-rules';

/**
 * SLA targets (issue 4): first response, on-site arrival and resolution per severity (and customer
 * tier or contract where the office adds such rules), in business time on the office calendar.
 */
export function SlaPolicyPanel() {
  const { t } = useTranslation();
  const policy = usePolicyDoc('sla');
  const calendar = useRuleDocs('calendar').docs?.[0];
  // A working day of the office calendar, to read "120 h" as "15 working days".
  const dayMinutes = calendar ? calendar.data.workingHours.reduce((n, h) => n + minutesOfDay(h.end) - minutesOfDay(h.start), 0) : 480;
  const { draft } = policy;
  if (!draft) return <Skeleton active />;

  const setTarget = (i: number, clock: SlaClockKind, minutes: number | null) =>
    policy.change({ ...draft, rules: draft.rules.map((r, n) => (n === i ? { ...r, targets: { ...r.targets, [clock]: minutes } } : r)) });
  const tierLabel = (code: string) => {
    const entry = draft.tiers.find((x) => x.code === code);
    return entry?.label ?? t(`sla.tier.${code}`, { defaultValue: code });
  };

  return (
    <PolicyFrame policy={policy} hint={t('sla.policyHint')}>
      <Table<SlaRule & { index: number }>
        data-testid="sla-targets"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={draft.rules.map((r, index) => ({ ...r, index }))}
        columns={[
          { title: t('sla.col.rule'), key: 'name', render: (_, r) => seededText(t, `sla.seed.${r.id}`, r.name) },
          {
            title: t('sla.col.criteria'),
            key: 'criteria',
            render: (_, r) => (
              <>
                {r.severity ? <SeverityTag value={r.severity} /> : <Tag>{t('sla.anySeverity')}</Tag>}
                {r.customerTier && <Tag style={{ marginInlineStart: 4 }}>{tierLabel(r.customerTier)}</Tag>}
                {r.contractId && <Tag color="purple">{t('sla.contract', { id: r.contractId })}</Tag>}
              </>
            ),
          },
          ...SLA_CLOCK_KINDS.map((clock) => ({
            title: clockLabel(t, clock),
            key: clock,
            width: 200,
            render: (_: unknown, r: SlaRule & { index: number }) => (
              <DurationInput
                id={`sla-${r.id}-${clock}`}
                value={r.targets[clock]}
                dayMinutes={dayMinutes || 480}
                disabled={!policy.editable}
                onChange={(v) => setTarget(r.index, clock, v)}
              />
            ),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('sla.targetsNote')}
      </Typography.Paragraph>
    </PolicyFrame>
  );
}
