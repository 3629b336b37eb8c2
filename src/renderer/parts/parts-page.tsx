import { EditOutlined, HistoryOutlined, PlusOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged, Part } from '../../shared/service';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { useDebouncedCallback } from '../common/use-debounced';
import { formatFen } from '../case/amounts';
import { useSession } from '../shell/session';
import { LedgerDrawer } from './ledger-drawer';
import { PartModal } from './part-modal';
import { StockModal } from './stock-modal';
import './parts.css';

/**
 * The spare-parts catalogue with what is on hand (seed 002 §2), a warning when parts run low, and
 * for the production after-sales team (who keep the stock) new and edited parts, receipts and
 * adjustments. Every figure comes from main a page at a time; the ledger of a part opens beside.
 */

const KEEPERS = new Set(['production_after_sales', 'admin']);
const PAGE = 50;

export function PartsPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const { user } = useSession();
  const keeper = !!user && KEEPERS.has(user.role);
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  // Bumped after a change made here, to read the page again.
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<{ key: string; data: Paged<Part>; lowCount: number } | null>(null);
  const [editing, setEditing] = useState<Part | 'new' | null>(null);
  const [moving, setMoving] = useState<Part | null>(null);
  const [ledger, setLedger] = useState<Part | null>(null);
  const search = useDebouncedCallback((v: string) => {
    setQ(v.trim());
    setPage(1);
  }, 250);

  const key = JSON.stringify([q, lowOnly, includeInactive, page, tick]);
  const data = loaded?.key === key ? loaded.data : null;
  const lowCount = loaded?.lowCount ?? null;
  useEffect(() => {
    let live = true;
    Promise.all([
      call('parts.list', { q, lowOnly, includeInactive, offset: (page - 1) * PAGE, limit: PAGE }),
      call('parts.list', { lowOnly: true, limit: 1 }),
    ]).then(([d, low]) => live && setLoaded({ key, data: d, lowCount: low.total }), showError);
    return () => {
      live = false;
    };
  }, [key, q, lowOnly, includeInactive, page, showError]);

  const changed = (p: Part) => {
    setEditing(null);
    setMoving(null);
    if (ledger?.id === p.id) setLedger(p);
    setTick((n) => n + 1);
  };

  return (
    <div className="parts-page" data-testid="parts-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('parts.title')}
      </Typography.Title>
      {lowCount !== null && lowCount > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="parts-low-warning"
          style={{ marginBottom: 12 }}
          title={t('parts.lowWarning', { count: lowCount })}
          action={
            !lowOnly && (
              <Button size="small" onClick={() => (setLowOnly(true), setPage(1))}>
                {t('parts.showLow')}
              </Button>
            )
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="parts-search"
          allowClear
          style={{ width: 300 }}
          placeholder={t('parts.search')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            search.run(e.target.value);
          }}
          onSearch={(v) => {
            search.cancel();
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Space>
          <Switch id="parts-low-only" checked={lowOnly} onChange={(v) => (setLowOnly(v), setPage(1))} />
          <span>{t('parts.lowOnly')}</span>
        </Space>
        <Space>
          <Switch size="small" checked={includeInactive} onChange={(v) => (setIncludeInactive(v), setPage(1))} />
          <Typography.Text type="secondary">{t('parts.showInactive')}</Typography.Text>
        </Space>
        {keeper && (
          <Button id="part-new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('parts.new')}
          </Button>
        )}
      </Space>
      {!keeper && <Typography.Paragraph type="secondary">{t('parts.readOnly')}</Typography.Paragraph>}
      <Table<Part>
        data-testid="parts-table"
        rowKey="id"
        size="middle"
        loading={data === null}
        dataSource={data?.rows ?? []}
        rowClassName={(p) => (p.low && p.active ? 'parts-row-low' : p.active ? '' : 'parts-row-inactive')}
        onRow={(p) => ({ 'data-testid': `part-row-${p.partNo}` }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('parts.total', { total }),
        }}
        columns={[
          { title: t('parts.col.partNo'), dataIndex: 'partNo', width: 150, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          {
            title: t('parts.col.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <Space size={4}>
                <span>{v}</span>
                {!p.active && <Tag>{t('parts.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('parts.col.unit'), dataIndex: 'unit', width: 70 },
          { title: t('parts.col.unitCost'), dataIndex: 'unitCost', width: 120, align: 'right', render: (v: number) => formatFen(v) },
          { title: t('parts.col.reorderLevel'), dataIndex: 'reorderLevel', width: 100, align: 'right' },
          {
            title: t('parts.col.onHand'),
            dataIndex: 'onHand',
            width: 120,
            align: 'right',
            render: (v: number, p) =>
              p.low ? (
                <Space size={4} data-testid={`part-low-${p.partNo}`}>
                  <Tag color={v <= 0 ? 'red' : 'orange'} icon={<WarningOutlined />}>
                    {t('parts.low')}
                  </Tag>
                  <Typography.Text type="danger" strong>
                    {v}
                  </Typography.Text>
                </Space>
              ) : (
                <Typography.Text strong>{v}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            width: keeper ? 300 : 100,
            render: (_, p) => (
              <Space size={4}>
                {keeper && (
                  <Button size="small" icon={<SwapOutlined />} onClick={() => setMoving(p)} data-testid={`part-move-${p.partNo}`}>
                    {t('parts.receive')}
                  </Button>
                )}
                {keeper && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`part-edit-${p.partNo}`}>
                    {t('parts.edit')}
                  </Button>
                )}
                <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setLedger(p)} data-testid={`part-ledger-${p.partNo}`}>
                  {t('parts.ledger')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <PartModal part={editing} onClose={() => setEditing(null)} onSaved={changed} />}
      {moving && <StockModal part={moving} onClose={() => setMoving(null)} onMoved={changed} />}
      <LedgerDrawer part={ledger} onClose={() => setLedger(null)} />
    </div>
  );
}
