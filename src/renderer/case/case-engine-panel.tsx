import { ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EngineActions } from '../rules/engine-actions';
import { Escalations, Repeats } from '../rules/engine-escalations';
import { SlaClocks } from '../rules/engine-sla';
import { RoutingLine, WarrantyBlock } from '../rules/engine-warranty';
import { calendarReasonText } from '../rules/reason-text';
import '../rules/rules.css';
import { useSession } from '../shell/session';
import { useCase } from './case-context';
import { sectionReasonText } from './reasons';
import { useCaseEngine } from './use-case-engine';

/**
 * The rule engine's view of this case (complaints.engine, issue 4): the warranty decision with its
 * sentence, the SLA clocks, the escalations with the rule, version and reason of each, repeat counts,
 * and the buttons that feed the engine (waiting for the customer, customer pressure). Loaded again
 * whenever the case changes, and every minute, since the clocks run on their own (use-case-engine.ts).
 * The escalation set by hand is the form's (routing-section.tsx); it is named here too, so that the
 * panel never reads "not escalated" of a case a person escalated.
 */

export function CaseEnginePanel() {
  const { t } = useTranslation();
  const { file, workflow, refresh, fail } = useCase();
  const { user } = useSession();
  const { engine, error } = useCaseEngine({ refresh: true });

  const sections = workflow.sections as Partial<typeof workflow.sections>;
  return (
    <Card
      size="small"
      className="case-section engine-panel"
      data-testid="case-engine-panel"
      title={
        <span>
          <ThunderboltOutlined /> {t('escalation.panelTitle')}
        </span>
      }
    >
      {error && !engine && <Alert type="error" showIcon title={t('escalation.loadFailed')} description={error} />}
      {!engine && !error && <Skeleton active paragraph={{ rows: 6 }} />}
      {engine && (
        <>
          {engine.calendarWarning && (
            <Tooltip title={calendarReasonText(t, engine.calendarWarning)}>
              <Typography.Text type="warning" className="engine-note" data-testid="engine-calendar-warning" style={{ cursor: 'help' }}>
                <WarningOutlined /> {t('calendar.approximate', { years: engine.calendarWarning.years.join(t('rules.listJoin')) })}
              </Typography.Text>
            </Tooltip>
          )}
          <WarrantyBlock warranty={engine.warranty} />
          <SlaClocks sla={engine.sla} />
          <Escalations escalation={engine.escalation} />
          {file.escalated && (
            <Typography.Text type="danger" className="engine-note" data-testid="engine-manual-escalation">
              {t('escalation.byHandToo', { reason: file.escalationReason ?? '' })}
            </Typography.Text>
          )}
          {engine.customerPressure.pressure && (
            <div className="engine-block" data-testid="engine-pressure">
              <div className="engine-block-title">{t('escalation.pressure.title')}</div>
              <Typography.Text>{engine.customerPressure.note}</Typography.Text>
            </div>
          )}
          <Repeats repeat={engine.repeat} />
          <RoutingLine routing={engine.routing} />
          <EngineActions
            file={file}
            role={user?.role ?? null}
            waitingBlocker={sections.waiting}
            pressureBlocker={sections.pressure}
            blockerText={(b) => sectionReasonText(t, b)}
            done={() => void refresh()}
            fail={(e) => fail(e)}
          />
        </>
      )}
    </Card>
  );
}
