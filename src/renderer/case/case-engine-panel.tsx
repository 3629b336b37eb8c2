import { ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseEngine } from '../../shared/engine';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { EngineActions } from '../rules/engine-actions';
import { Escalations, Repeats } from '../rules/engine-escalations';
import { SlaClocks } from '../rules/engine-sla';
import { RoutingLine, WarrantyBlock } from '../rules/engine-warranty';
import { calendarReasonText } from '../rules/reason-text';
import '../rules/rules.css';
import { useSession } from '../shell/session';
import { useCase } from './case-context';
import { sectionReasonText } from './reasons';

/**
 * The rule engine's view of this case (complaints.engine, issue 4): the warranty decision with its
 * sentence, the SLA clocks, the escalations with the rule, version and reason of each, repeat counts,
 * and the buttons that feed the engine (waiting for the customer, customer pressure). Loaded again
 * whenever the case changes, and every minute, since the clocks run on their own.
 */

const REFRESH_MS = 60_000;

export function CaseEnginePanel() {
  const { t } = useTranslation();
  const { file, workflow, refresh, fail } = useCase();
  const { user } = useSession();
  const [engine, setEngine] = useState<CaseEngine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    call('complaints.engine', { id: file.id }).then(
      (e) => {
        if (mine !== seq.current) return;
        setEngine(e);
        setError(null);
      },
      (e: unknown) => mine === seq.current && setError(toApiError(e).message),
    );
  }, [file.id]);

  // The case file's version and its engine columns change with every save and scheduler pass.
  useEffect(load, [load, file.version, file.slaState, file.escalationLevel, file.waitingCustomerSince]);
  useEffect(() => {
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

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
