import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEngine } from '../../shared/engine';
import type { WarrantyStatus } from '../../shared/schemas/rules-policies';
import { escalationReasonText, routingReasonText, warrantyReasonText } from './reason-text';
import { roleLabel } from './labels';

/** The warranty decision (issue 4): status and the sentence naming the policy and the dates that decided it. */

export const WARRANTY_COLORS: Record<WarrantyStatus, string> = {
  in_warranty: 'green',
  contract: 'cyan',
  out_of_warranty: 'orange',
  excluded: 'red',
  suspended: 'gold',
  unknown: 'default',
};

export function WarrantyTag({ status }: { status: WarrantyStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Tag color={WARRANTY_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="warranty-status">
      {t(`warranty.status.${status}`)}
    </Tag>
  );
}

export function WarrantyBlock({ warranty }: { warranty: CaseEngine['warranty'] }) {
  const { t } = useTranslation();
  return (
    <div className="engine-block" data-testid="engine-warranty">
      <div className="engine-block-title">
        {t('warranty.title')}
        <span style={{ marginInlineStart: 8 }}>
          {warranty ? <WarrantyTag status={warranty.status} /> : <Tag>{t('warranty.notDecided')}</Tag>}
        </span>
      </div>
      {warranty && (
        <>
          <div className="engine-reason" data-testid="warranty-sentence">
            {warrantyReasonText(t, warranty.reason)}
          </div>
          {warranty.status === 'out_of_warranty' && (
            <Typography.Text type="warning" className="engine-note">
              {t('warranty.paidServiceNote')}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" className="engine-note">
            {t('warranty.policyVersion', { version: warranty.policyVersion })}
          </Typography.Text>
        </>
      )}
    </div>
  );
}

/** Where the routing rules sent the case on acceptance, and whom they suggest. */
export function RoutingLine({ routing }: { routing: CaseEngine['routing'] }) {
  const { t } = useTranslation();
  if (!routing) return null;
  return (
    <div className="engine-block" data-testid="engine-routing">
      <div className="engine-block-title">
        {t('escalation.routing.title')}
        <Tag color="blue" style={{ marginInlineStart: 8 }}>
          {roleLabel(t, routing.team)}
        </Tag>
        {routing.notify.map((r) => (
          <Tag key={r}>{roleLabel(t, r)}</Tag>
        ))}
      </div>
      {routing.reasons.map((r, i) => (
        <div key={i} className="engine-reason">
          {r.code === 'route_fallback' ? routingReasonText(t, r) : t('escalation.routing.because', { reason: escalationReasonText(t, r) })}
        </div>
      ))}
      <Typography.Text type="secondary" className="engine-note">
        {routingReasonText(t, routing.assignee.reason)}
      </Typography.Text>
    </div>
  );
}
