import { CarOutlined, CloseCircleOutlined, EditOutlined, FileDoneOutlined, MessageOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_MODES, type ServiceAction } from '../../shared/service';
import { FORM_LANGUAGES } from '../../shared/print';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { LockHint, NotYet } from '../case/section-card';
import { spanIn, dateTimeIn, visitTotal } from './calendar-layout';
import { visitReportHash } from './report-print';
import './visits.css';
import { useServiceSave } from './use-service-save';
import { ServiceActionModal, type FormKind } from './visit-forms';

/**
 * The case page's "Service actions / 服务记录": consultations, remote guidance, document updates and
 * on-site visits or training (seed 001), planned and reported here; each visit's report prints in
 * Chinese or English. Who may record service in which state is the 'service' section rule.
 */

const STATE_COLOR = { planned: 'blue', done: 'green', cancelled: 'default' } as const;
const RESULT_COLOR = { resolved: 'green', partly_resolved: 'orange', not_resolved: 'red' } as const;
const isField = (a: ServiceAction) => FIELD_MODES.includes(a.mode);

export function VisitsSection() {
  const { t } = useTranslation();
  const { file, workflow, settings } = useCase();
  const showError = useShowError();
  const [actions, setActions] = useState<ServiceAction[] | null>(null);
  const [open, setOpen] = useState<{ kind: FormKind; action: ServiceAction | null } | null>(null);
  const blocker = workflow.sections.service;
  const tz = settings.officeTimeZone;

  // Every save bumps the case's version: the list follows it.
  useEffect(() => {
    let live = true;
    call('service.forCase', { id: file.id }).then(
      (rows) => live && setActions(rows),
      (e: unknown) => live && showError(e),
    );
    return () => {
      live = false;
    };
  }, [file.id, file.version, showError]);

  const extra = blocker ? (
    <LockHint section="service" />
  ) : (
    <Space wrap>
      <Button size="small" icon={<MessageOutlined />} id="visit-record" onClick={() => setOpen({ kind: 'record', action: null })}>
        {t('visits.button.record')}
      </Button>
      <Button size="small" type="primary" icon={<CarOutlined />} id="visit-plan" onClick={() => setOpen({ kind: 'plan', action: null })}>
        {t('visits.button.plan')}
      </Button>
    </Space>
  );

  return (
    <Card id="section-service" size="small" title={t('visits.title')} extra={extra} className="case-section">
      {actions === null ? null : actions.length ? (
        <ActionList rows={actions} timeZone={tz} editable={!blocker} onOpen={(kind, action) => setOpen({ kind, action })} />
      ) : (
        <NotYet text={t('visits.none')} />
      )}
      {open && <ServiceActionModal kind={open.kind} action={open.action} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function ActionList({
  rows,
  timeZone,
  editable,
  onOpen,
}: {
  rows: ServiceAction[];
  timeZone: string;
  editable: boolean;
  onOpen(kind: FormKind, a: ServiceAction): void;
}) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      data-testid="visits-list"
      rowClassName={(a) => (a.state === 'cancelled' ? 'visit-row-cancelled' : '')}
      onRow={(a) => ({ 'data-testid': `visit-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'mode',
          title: t('visits.col.mode'),
          render: (_, a) => (
            <>
              <div>
                <strong>{t(`visits.enum.mode.${a.mode}`)}</strong> <Tag color={STATE_COLOR[a.state]}>{t(`visits.enum.state.${a.state}`)}</Tag>
              </div>
              <div className="visit-text">{a.summary}</div>
              {a.engineers.length > 0 && <div className="case-byline">{t('visits.col.engineers')}：{a.engineers.map((e) => e.name).join('、')}</div>}
              {a.travelFrom && a.travelTo && <div className="case-byline">{t('visits.travel', { from: a.travelFrom, to: a.travelTo })}</div>}
            </>
          ),
        },
        {
          key: 'when',
          title: t('visits.col.when'),
          width: 190,
          render: (_, a) => (
            <>
              {a.plannedStart && <div>{t('visits.planned', { span: spanIn(a.plannedStart, a.plannedEnd, timeZone) })}</div>}
              {a.actualStart && <div>{t('visits.actual', { span: spanIn(a.actualStart, a.actualEnd, timeZone) })}</div>}
              {!a.plannedStart && !a.actualStart && <div className="case-byline">{t('visits.recordedAt', { at: dateTimeIn(a.createdAt, timeZone) })}</div>}
            </>
          ),
        },
        {
          key: 'result',
          title: t('visits.col.result'),
          render: (_, a) => (
            <>
              {a.result && <Tag color={RESULT_COLOR[a.result]}>{t(`visits.enum.result.${a.result}`)}</Tag>}
              {a.workDone && <div className="visit-text">{a.workDone}</div>}
              {a.customerSignoff && <div className="case-byline">{t('visits.signoff', { name: a.customerSignoff })}</div>}
              {isField(a) && visitTotal(a) > 0 && (
                <div className="case-byline">
                  {t('visits.col.costs')}：{formatFen(visitTotal(a))}
                </div>
              )}
              <RowActions a={a} editable={editable} onOpen={onOpen} />
            </>
          ),
        },
      ]}
    />
  );
}

function RowActions({ a, editable, onOpen }: { a: ServiceAction; editable: boolean; onOpen(kind: FormKind, a: ServiceAction): void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const save = useServiceSave();
  const field = isField(a);
  const cancel = () =>
    modal.confirm({
      title: t('visits.cancelConfirm'),
      okText: t('visits.cancelOk'),
      okButtonProps: { danger: true, id: 'visit-cancel-confirm' },
      cancelText: t('visits.keep'),
      onOk: () =>
        save({
          actionId: a.id,
          actionVersion: a.version,
          mode: a.mode,
          state: 'cancelled',
          summary: a.summary,
          plannedStart: a.plannedStart,
          plannedEnd: a.plannedEnd,
          actualStart: a.actualStart,
          actualEnd: a.actualEnd,
          engineerIds: a.engineers.map((e) => e.userId),
          travelFrom: a.travelFrom,
          travelTo: a.travelTo,
          travelCost: a.travelCost,
          accommodationCost: a.accommodationCost,
          allowanceCost: a.allowanceCost,
          workDone: a.workDone,
          result: a.result,
          customerSignoff: a.customerSignoff,
          note: a.note,
        }),
    });
  return (
    <Space size={4} wrap className="visit-actions">
      {editable && field && a.state === 'planned' && (
        <>
          <Button size="small" type="primary" icon={<FileDoneOutlined />} data-testid={`visit-report-${a.id}`} onClick={() => onOpen('report', a)}>
            {t('visits.button.report')}
          </Button>
          <Button size="small" icon={<EditOutlined />} data-testid={`visit-edit-${a.id}`} onClick={() => onOpen('plan', a)}>
            {t('visits.button.edit')}
          </Button>
        </>
      )}
      {editable && field && a.state === 'done' && (
        <Button size="small" icon={<EditOutlined />} data-testid={`visit-correct-${a.id}`} onClick={() => onOpen('report', a)}>
          {t('visits.button.correct')}
        </Button>
      )}
      {editable && a.state !== 'cancelled' && (
        <Button size="small" danger icon={<CloseCircleOutlined />} data-testid={`visit-cancel-${a.id}`} onClick={cancel}>
          {t('visits.button.cancel')}
        </Button>
      )}
      {field && a.state !== 'cancelled' && (
        <Dropdown
          menu={{
            items: FORM_LANGUAGES.map((l) => ({
              key: l,
              label: (
                <a href={visitReportHash(a.id, l)} data-testid={`visit-print-${a.id}-${l}`}>
                  {t('visits.button.printLang', { lang: t(`print.lang.${l}`) })}
                </a>
              ),
            })),
          }}
        >
          <Button size="small" icon={<PrinterOutlined />} data-testid={`visit-print-${a.id}`}>
            {t('visits.button.print')}
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
