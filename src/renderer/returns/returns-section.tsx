import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rma } from '../../shared/service';
import { call } from '../api/client';
import { useCase } from '../case/case-context';
import { LockHint, NotYet } from '../case/section-card';
import { useSession } from '../shell/session';
import { RmaItem } from './rma-item';
import { requestBlocked, rmaButtons } from './rma-reasons';
import { RmaStepModal, type RmaModalAction } from './rma-step-modal';
import './returns.css';

/**
 * Returns (RMA) of the case (issue 5): requested by whoever is in touch with the customer, approved
 * by the managers (the RMA number is issued), shipped, received, inspected, closed — a refund by
 * Finance. Each return shows its steps and the next ones; a step this person may not take is
 * disabled with the reason. The list is read again whenever the case changes.
 */
export function ReturnsSection() {
  const { t } = useTranslation();
  const { file, workflow, fail } = useCase();
  const role = useSession().user?.role;
  const [list, setList] = useState<Rma[] | null>(null);
  const [open, setOpen] = useState<{ action: RmaModalAction; rma: Rma | null } | null>(null);
  const section = workflow.sections.returns;

  useEffect(() => {
    let live = true;
    call('rma.forCase', { id: file.id }).then(
      (r) => live && setList(r),
      (e: unknown) => live && fail(e),
    );
    return () => {
      live = false;
    };
  }, [file.id, file.version, fail]);

  const blocked = requestBlocked(t, role, section);
  const request = (
    <Button id="rma-request" size="small" icon={<PlusOutlined />} disabled={!!blocked} onClick={() => setOpen({ action: 'request', rma: null })}>
      {t('returns.request')}
    </Button>
  );
  const extra = section ? (
    <LockHint section="returns" />
  ) : blocked ? (
    <Tooltip title={blocked}>
      <span className="case-action-wrap">{request}</span>
    </Tooltip>
  ) : (
    request
  );

  return (
    <Card id="section-returns" size="small" title={t('returns.title')} extra={extra} className="case-section">
      {list === null ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : list.length === 0 ? (
        <NotYet text={t('returns.none')} />
      ) : (
        <div className="rma-list">
          {list.map((r) => (
            <RmaItem key={r.id} rma={r} buttons={rmaButtons(t, r, role, section)} onStep={(action) => setOpen({ action, rma: r })} />
          ))}
        </div>
      )}
      {open && <RmaStepModal action={open.action} rma={open.rma} onClose={() => setOpen(null)} />}
    </Card>
  );
}
