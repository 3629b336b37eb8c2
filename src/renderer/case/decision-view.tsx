import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../common/format';
import { useCase } from './case-context';
import { reasonText } from './reasons';
import { kindLabel } from './labels';

/**
 * The decision on a case: the sales manager's (seed 002 §6.1) and, where the case is escalated, a
 * safety defect or costly, the chairman's final one with his reasons (§5.3).
 */
export function DecisionView() {
  const { t } = useTranslation();
  const { file, workflow } = useCase();
  const option = file.chosenOption === null ? undefined : file.options[file.chosenOption];
  const waiting = file.state === 'awaiting_decision' || file.state === 'awaiting_chairman';
  const by = (name: string | null, at: string | null) => (name ? t('case.byAt', { name, at: formatInstant(at) }) : '');

  return (
    <div className="case-decision">
      {waiting && workflow.chairmanRequired && (
        <Alert type="warning" showIcon title={reasonText(t, workflow.chairmanRequired)} data-testid="chairman-required" />
      )}
      {(file.decidedAt || file.chairmanAt) && (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="decision-view"
          items={[
            ...(option
              ? [
                  {
                    key: 'option',
                    label: t('treatment.chosenOption'),
                    children: `${file.chosenOption! + 1}. ${kindLabel(t, option.kind)} — ${option.description}`,
                  },
                ]
              : []),
            ...(file.decidedAt
              ? [
                  {
                    key: 'manager',
                    label: t('treatment.managerDecision'),
                    children: (
                      <>
                        <div className="case-text">{file.decisionNote || t('treatment.noNote')}</div>
                        <div className="case-byline">{by(file.decidedBy, file.decidedAt)}</div>
                      </>
                    ),
                  },
                ]
              : []),
            ...(file.chairmanAt
              ? [
                  {
                    key: 'chairman',
                    label: t('treatment.chairmanDecision'),
                    children: (
                      <>
                        <div className="case-text">{file.chairmanNote}</div>
                        <div className="case-byline">{by(file.chairmanBy, file.chairmanAt)}</div>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}
