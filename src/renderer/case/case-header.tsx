import { ExclamationCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SeverityTag, StateTag } from '../complaints/enum-labels';
import { LEVEL_COLORS } from '../rules/escalation-rules';
import { levelLabel, ruleName } from '../rules/labels';
import { ActionBar, NextStepHint } from './action-bar';
import { useCase } from './case-context';
import { CaseSteps } from './case-steps';
import { useCaseEngine } from './use-case-engine';
import { FeedbackFormButtons } from '../print/feedback-form-buttons';

/** The top of the case: what it is, where it stands, who has it, and what can be done next. */
export function CaseHeader() {
  const { t } = useTranslation();
  const { file } = useCase();
  const { engine } = useCaseEngine();
  // Escalated by the rules (the level their firings reached) and by hand: two tags, each saying which.
  const level = file.escalationLevel;
  const firings = (engine?.escalation.active ?? []).map((f) => ruleName(t, 'escalation', f.ruleId, f.ruleName)).join(t('case.history.join'));
  return (
    <Card className="case-header">
      <div className="case-header-top">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-tracking-no">
            {file.trackingNo}
          </Typography.Title>
          <span data-testid="case-state">
            <StateTag value={file.state} />
          </span>
          <SeverityTag value={file.severity} />
          {file.classification && (
            <Tag
              color={file.classification === 'quality' ? 'volcano' : 'cyan'}
              style={{ marginInlineEnd: 0 }}
              data-testid="case-classification"
            >
              {t(`case.classification.${file.classification}`)}
            </Tag>
          )}
          {level && (
            <Tooltip title={firings || undefined}>
              <Tag color={LEVEL_COLORS[level]} icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }} data-testid="case-engine-level">
                {t('case.escalation.byRulesTag', { level: levelLabel(t, level) })}
              </Tag>
            </Tooltip>
          )}
          {file.escalated && (
            <Tooltip title={file.escalationReason}>
              <Tag color="red" icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }} data-testid="case-escalated">
                {t('case.escalation.byHandTag')}
              </Tag>
            </Tooltip>
          )}
          {file.disputeOpen && (
            <Tooltip title={file.disputeNote}>
              <Tag color="orange" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="case-dispute">
                {t('case.dispute.on')}
              </Tag>
            </Tooltip>
          )}
        </Space>
        <ActionBar />
      </div>
      <div className="case-header-top">
        <Typography.Text type="secondary" className="case-header-sub">
          {[file.customerName, file.productModel, t('case.ownerIs', { name: file.ownerName ?? t('case.owner.none') })].join(' · ')}
        </Typography.Text>
        {/* The customer feedback processing form (seed 002 §5.1): view, print, or save as PDF. */}
        <FeedbackFormButtons caseId={file.id} />
      </div>
      <CaseSteps />
      <NextStepHint />
    </Card>
  );
}
