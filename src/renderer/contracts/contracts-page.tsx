import { Input, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_STATES, type ContractState, type Paged, type ServiceContract } from '../../shared/service';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { useDebouncedCallback } from '../common/use-debounced';
import { formatFen } from '../case/amounts';
import { navigate, paths } from '../shell/router';
import { ContractStateTag, ContractStepButtons, unitsText } from './contract-steps';

/**
 * Every service contract of the office (seed 001), newest first: searched by number, customer or the
 * tracking number of the case it was quoted from, filtered by state, paged in SQL. Each row has its
 * next steps and a link to the origin case.
 */

const PAGE = 20;

export function ContractsPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [states, setStates] = useState<ContractState[]>([]);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<ServiceContract> | null>(null);
  const typed = useDebouncedCallback((text: string) => {
    setQuery(text.trim());
    setPage(1);
  }, 300);
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    call('contracts.list', { q: query, states, customerId: null, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (r) => {
        if (mine === seq.current) setData(r);
      },
      (e: unknown) => {
        if (mine === seq.current) showError(e);
      },
    );
  }, [query, states, page, showError]);
  useEffect(() => {
    load();
    // A quotation and the warranty re-evaluations of a step change the cases the contracts come from.
    return on('complaints.changed', load);
  }, [load]);

  return (
    <div className="contracts-page" data-testid="contracts-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('contracts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('contracts.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="contracts-search"
          allowClear
          placeholder={t('contracts.search')}
          style={{ width: 300 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            typed.run(e.target.value);
          }}
          onSearch={(v) => {
            setQuery(v.trim());
            setPage(1);
          }}
        />
        <Select
          id="contracts-states"
          mode="multiple"
          allowClear
          placeholder={t('contracts.stateFilter')}
          style={{ minWidth: 240 }}
          value={states}
          onChange={(v) => {
            setStates(v);
            setPage(1);
          }}
          options={CONTRACT_STATES.map((s) => ({ value: s, label: t(`contracts.state.${s}`) }))}
        />
      </Space>
      <Table<ServiceContract>
        rowKey="id"
        size="middle"
        loading={data === null}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1200 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('contracts.total', { count: n }),
          onChange: setPage,
        }}
        columns={[
          { title: t('contracts.field.contractNo'), key: 'no', width: 140, render: (_, c) => <Typography.Text strong>{c.contractNo}</Typography.Text> },
          { title: t('contracts.field.state'), key: 'state', width: 96, render: (_, c) => <ContractStateTag state={c.state} /> },
          { title: t('contracts.field.customer'), key: 'customer', width: 200, ellipsis: true, render: (_, c) => c.customerName ?? '' },
          {
            title: t('contracts.field.case'),
            key: 'case',
            width: 150,
            render: (_, c) =>
              c.complaintId !== null ? (
                <a data-testid={`contract-case-${c.id}`} onClick={() => navigate(paths.case(c.complaintId!))}>
                  {c.trackingNo}
                </a>
              ) : null,
          },
          { title: t('contracts.field.units'), key: 'units', width: 200, ellipsis: true, render: (_, c) => unitsText(c) },
          { title: t('contracts.field.scope'), key: 'scope', width: 220, ellipsis: true, render: (_, c) => c.scope },
          { title: t('contracts.field.fee'), key: 'fee', width: 110, align: 'right', render: (_, c) => formatFen(c.fee) },
          { title: t('contracts.field.validity'), key: 'validity', width: 200, render: (_, c) => `${c.validFrom} ~ ${c.validTo}` },
          {
            title: t('contracts.field.signed'),
            key: 'signed',
            width: 180,
            render: (_, c) => [c.signedBy, c.signedAt, c.invoiceNo && `${t('contracts.field.invoiceNo')} ${c.invoiceNo}`].filter(Boolean).join(' · '),
          },
          { title: t('contracts.field.createdAt'), key: 'created', width: 140, render: (_, c) => formatInstant(c.createdAt) },
          {
            title: t('contracts.field.actions'),
            key: 'actions',
            width: 220,
            fixed: 'right',
            render: (_, c) => <ContractStepButtons contract={c} onDone={load} />,
          },
        ]}
      />
    </div>
  );
}
