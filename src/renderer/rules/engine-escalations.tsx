import { CrownOutlined, RiseOutlined } from '@ant-design/icons';
import { Collapse, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEngine, FiringView } from '../../shared/engine';
import { formatInstant } from '../common/format';
import { LevelTag } from './escalation-rules';
import { ruleName } from './labels';
import { CaseLink } from './open-case';
import { escalationReasonText } from './reason-text';

/**
 * What the escalation rules say about the case: the level reached, each active firing with the rule
 * and version that fired and why in a sentence, the chairman's decision where a rule requires it,
 * and the repeat counts behind the repeat rule, with the earlier cases as links.
 */

function Firing({ f }: { f: FiringView }) {
  const { t } = useTranslation();
  const main = escalationReasonText(t, f.reason);
  const details = f.details.map((d) => escalationReasonText(t, d)).filter((d) => d !== main);
  return (
    <div className={`engine-firing${f.clearedAt ? ' engine-firing-past' : ''}`} data-testid={`firing-${f.ruleId}`}>
      <Space size={6} wrap>
        <LevelTag level={f.level} />
        <Typography.Text strong>{ruleName(t, 'escalation', f.ruleId, f.ruleName)}</Typography.Text>
        <Typography.Text type="secondary">{t('rules.history.version', { version: f.ruleVersion })}</Typography.Text>
      </Space>
      <div className="engine-reason">{main}</div>
      {details.map((d, i) => (
        <div key={i} className="engine-reason engine-reason-more">
          {d}
        </div>
      ))}
      <Typography.Text type="secondary" className="engine-note">
        {f.clearedAt
          ? t('escalation.firedCleared', { from: formatInstant(f.firedAt), to: formatInstant(f.clearedAt) })
          : t('escalation.since', { at: formatInstant(f.firedAt) })}
        {f.reviewedAt && ` · ${t('review.reviewedBy', { who: f.reviewedBy ?? '', at: formatInstant(f.reviewedAt) })}`}
      </Typography.Text>
    </div>
  );
}

export function Escalations({ escalation }: { escalation: CaseEngine['escalation'] }) {
  const { t } = useTranslation();
  const chair = escalation.chairmanRequiredBy;
  return (
    <div className="engine-block" data-testid="engine-escalation">
      <div className="engine-block-title">
        {t('escalation.title')}
        <Space size={4} style={{ marginInlineStart: 8 }}>
          {escalation.level ? <LevelTag level={escalation.level} /> : <Tag>{t('escalation.none')}</Tag>}
          {escalation.priority === 'high' && (
            <Tag color="red" icon={<RiseOutlined />}>
              {t('escalation.priority.high')}
            </Tag>
          )}
          {escalation.managementReview && <Tag color="purple">{t('review.onList')}</Tag>}
        </Space>
      </div>
      {chair && (
        <div className="engine-chairman" data-testid="engine-chairman">
          <CrownOutlined />{' '}
          {t('escalation.chairmanRequired', { rule: ruleName(t, 'escalation', chair.ruleId, chair.ruleName), version: chair.ruleVersion })}
          <div className="engine-reason">{escalationReasonText(t, chair)}</div>
        </div>
      )}
      {escalation.active.map((f) => (
        <Firing key={`${f.ruleId}@${f.firedAt}`} f={f} />
      ))}
      {escalation.past.length > 0 && (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'past',
              label: t('escalation.past', { count: escalation.past.length }),
              children: escalation.past.map((f) => <Firing key={`${f.ruleId}@${f.firedAt}`} f={f} />),
            },
          ]}
        />
      )}
    </div>
  );
}

export function Repeats({ repeat, onOpen }: { repeat: CaseEngine['repeat']; onOpen?: () => void }) {
  const { t } = useTranslation();
  const rows = [
    ['sameSerial', repeat.sameSerial],
    ['sameModel', repeat.sameModel],
    ['sameCustomer', repeat.sameCustomer],
  ] as const;
  return (
    <div className="engine-block" data-testid="engine-repeat">
      <div className="engine-block-title">
        {t('escalation.repeat.title', { days: repeat.windowDays })}
        {repeat.isRepeat && (
          <Tag color="orange" style={{ marginInlineStart: 8 }}>
            {t('escalation.repeat.isRepeat')}
          </Tag>
        )}
      </div>
      {rows.map(([key, v]) => (
        <div key={key} className="engine-repeat-row">
          <span className="engine-repeat-label">{t(`escalation.repeat.${key}`)}</span>
          <Typography.Text strong>{t('escalation.repeat.count', { count: v.count })}</Typography.Text>
          {v.trackingNos.slice(0, 6).map((no) => (
            <CaseLink key={no} trackingNo={no} onOpen={onOpen} />
          ))}
          {v.trackingNos.length > 6 && <span>…</span>}
        </div>
      ))}
    </div>
  );
}
