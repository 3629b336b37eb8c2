import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, ComplaintEvent } from '../../shared/types';
import { call, on } from '../api/client';
import { API_ERROR_KEY, errorDetail, errorTitle, ServerDetail, toApiError, useShowError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { CaseDetails } from './case-details';
import { CaseEditForm } from './case-edit-form';
import { CaseTimeline } from './case-timeline';
import { SeverityTag, StateTag } from './enum-labels';
import { intakeFieldFor, type diffPatch, type IntakeValues } from './intake-values';

/** One case: the intake of the customer feedback processing form and its history. */
export function CasePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [c, setC] = useState<ComplaintDetail | null>(null);
  const [events, setEvents] = useState<ComplaintEvent[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);

  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([call('complaints.get', { id }), call('complaints.events', { id })]).then(
      ([detail, history]) => {
        if (!live) return;
        setC(detail);
        setEvents(history);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [id, reloads]);

  // Changes made elsewhere show up here; while editing, the save's version check guards instead.
  useEffect(
    () =>
      on('complaints.changed', ({ ids }) => {
        if (ids.includes(id) && !editing) reload();
      }),
    [id, editing, reload],
  );

  async function save(patch: ReturnType<typeof diffPatch>, form: FormInstance<IntakeValues>) {
    if (!c) return;
    if (Object.keys(patch).length === 0) {
      void message.info(t('case.noChanges'));
      setEditing(false);
      return;
    }
    try {
      const next = await call('complaints.update', { id: c.id, version: c.version, patch });
      notification.destroy(API_ERROR_KEY);
      setC(next);
      setEditing(false);
      void message.success(t('case.saved'));
      setEvents(await call('complaints.events', { id }));
    } catch (raw) {
      const e = toApiError(raw);
      if (e.code !== 'CONFLICT') return showError(e, { instance: form, fieldFor: intakeFieldFor });
      notification.warning({
        key: 'case-conflict',
        title: t('case.conflictTitle'),
        description: (
          <>
            <div>{t('case.conflictBody')}</div>
            <ServerDetail text={e.message} />
          </>
        ),
        duration: 8,
      });
      setEditing(false);
      reload();
    }
  }

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(paths.complaints)} style={{ paddingInline: 0 }}>
      {t('common.back')}
    </Button>
  );

  if (loadError) {
    const e = toApiError(loadError);
    return (
      <Result
        status={e.code === 'NOT_FOUND' ? '404' : 'error'}
        title={t('case.loadFailed')}
        subTitle={[errorTitle(t, e), errorDetail(e)].filter(Boolean).join(' · ')}
        extra={
          <Space>
            {back}
            <Button onClick={reload}>{t('common.retry')}</Button>
          </Space>
        }
      />
    );
  }
  if (!c) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <div className="page-card">
      {back}
      <Card
        title={
          <Space size="middle" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-tracking-no">
              {c.trackingNo}
            </Typography.Title>
            <StateTag value={c.state} />
            <SeverityTag value={c.severity} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {c.customerName} · {c.productModel}
            </Typography.Text>
          </Space>
        }
        extra={
          !editing && (
            <Button id="case-edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('case.edit')}
            </Button>
          )
        }
      >
        {editing ? <CaseEditForm c={c} onSave={save} onCancel={() => setEditing(false)} /> : <CaseDetails c={c} />}
      </Card>
      <Card title={t('case.timeline')} style={{ marginTop: 16 }}>
        <CaseTimeline events={events} />
      </Card>
    </div>
  );
}
