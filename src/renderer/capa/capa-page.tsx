import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPA_STATES, type Capa, type CapaState } from '../../shared/analysis';
import type { Paged } from '../../shared/service';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { useDebouncedCallback } from '../common/use-debounced';
import { navigate, paths } from '../shell/router';
import { useSession } from '../shell/session';
import { CapaCreateModal, type CapaDraft } from './capa-create';
import { CapaDrawer } from './capa-drawer';
import { hashQuery, parseParetoPrefill, sourceProblem, sourceTitle } from './capa-source';
import { CAPA_EDITOR_ROLES, CapaStateTag } from './capa-steps';

/**
 * Corrective and preventive actions (issue 7; seed 001: the analysis is the basis for corrective and
 * preventive action): every CAPA of the office, newest first, searched, filtered by state and to the
 * overdue ones, paged in SQL. `#/capa?id=<id>` opens one; `#/capa?new=<Pareto bar as JSON>` opens the
 * new-CAPA dialog prefilled from the bar (the analysis page links here).
 */

const PAGE = 20;

function useHashQuery(): URLSearchParams {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => hashQuery(hash), [hash]);
}

export function CapaPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const { user } = useSession();
  const query = useHashQuery();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [states, setStates] = useState<CapaState[]>([]);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<Capa> | null>(null);
  const [blank, setBlank] = useState(false);
  const typed = useDebouncedCallback((text: string) => {
    setTerm(text.trim());
    setPage(1);
  }, 300);
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    call('capa.list', { q: term, states, overdueOnly, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (r) => {
        if (mine === seq.current) setData(r);
      },
      (e: unknown) => {
        if (mine === seq.current) showError(e);
      },
    );
  }, [term, states, overdueOnly, page, showError]);
  useEffect(() => {
    load();
    return on('capa.changed', load);
  }, [load]);

  const openId = Number(query.get('id')) || null;
  const prefill = parseParetoPrefill(query.get('new'));
  const draft: CapaDraft | null = prefill
    ? { kind: 'corrective', title: sourceTitle(t, prefill), problem: sourceProblem(t, prefill), source: { dimension: prefill.dimension, key: prefill.key, label: prefill.label, from: prefill.from, to: prefill.to }, cases: [] }
    : blank
      ? { kind: 'corrective', title: '', problem: '', source: null, cases: [] }
      : null;
  const canEdit = !!user && CAPA_EDITOR_ROLES.includes(user.role);

  return (
    <div className="capa-page" data-testid="capa-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('capa.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('capa.hint')}</Typography.Paragraph>
        </div>
        {canEdit && (
          <Button id="capa-new" type="primary" icon={<PlusOutlined />} onClick={() => setBlank(true)}>
            {t('capa.new')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="capa-search"
          allowClear
          placeholder={t('capa.search')}
          style={{ width: 300 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            typed.run(e.target.value);
          }}
          onSearch={(v) => {
            setTerm(v.trim());
            setPage(1);
          }}
        />
        <Select
          id="capa-states"
          mode="multiple"
          allowClear
          placeholder={t('capa.stateFilter')}
          style={{ minWidth: 240 }}
          value={states}
          onChange={(v) => {
            setStates(v);
            setPage(1);
          }}
          options={CAPA_STATES.map((s) => ({ value: s, label: t(`capa.state.${s}`) }))}
        />
        <Space size={6}>
          <Switch
            id="capa-overdue-only"
            size="small"
            checked={overdueOnly}
            onChange={(v) => {
              setOverdueOnly(v);
              setPage(1);
            }}
          />
          <label htmlFor="capa-overdue-only">{t('capa.overdueOnly')}</label>
        </Space>
      </Space>
      <Table<Capa>
        rowKey="id"
        size="middle"
        loading={data === null}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1080 }}
        onRow={(c) => ({ onClick: () => navigate(`${paths.capa}?id=${c.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('capa.total', { count: n }),
          onChange: setPage,
        }}
        columns={[
          { title: t('capa.field.capaNo'), key: 'no', width: 130, render: (_, c) => <Typography.Text strong>{c.capaNo}</Typography.Text> },
          { title: t('capa.field.kind'), key: 'kind', width: 70, render: (_, c) => t(`capa.kind.${c.kind}`) },
          { title: t('capa.field.title'), key: 'title', width: 280, ellipsis: true, render: (_, c) => c.title },
          { title: t('capa.field.state'), key: 'state', width: 140, render: (_, c) => <CapaStateTag capa={c} /> },
          { title: t('capa.field.owner'), key: 'owner', width: 110, ellipsis: true, render: (_, c) => c.ownerName ?? '' },
          { title: t('capa.field.dueOn'), key: 'due', width: 110, render: (_, c) => c.dueOn ?? '' },
          {
            title: t('capa.actions'),
            key: 'actions',
            width: 70,
            render: (_, c) => (c.actions.length ? `${c.actions.filter((a) => a.state === 'done').length} / ${c.actions.length}` : ''),
          },
          {
            title: t('capa.field.cases'),
            key: 'cases',
            width: 180,
            ellipsis: true,
            render: (_, c) => c.trackingNos.join(', '),
          },
        ]}
      />
      {openId !== null && <CapaDrawer key={openId} capaId={openId} onClose={() => navigate(paths.capa)} />}
      {draft && canEdit && (
        <CapaCreateModal
          key={query.get('new') ?? 'blank'}
          draft={draft}
          onClose={() => {
            setBlank(false);
            if (prefill) navigate(paths.capa);
          }}
          onCreated={(c) => {
            setBlank(false);
            navigate(`${paths.capa}?id=${c.id}`);
            load();
          }}
        />
      )}
    </div>
  );
}
