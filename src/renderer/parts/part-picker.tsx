import { Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Part } from '../../shared/service';
import { call } from '../api/client';
import { useDebouncedCallback } from '../common/use-debounced';

/** Picks a catalogue part by the beginning of its number or name, showing what is on hand. */
export function PartPicker({ id, value, onChange }: { id?: string; value?: number | null; onChange?: (id: number | null, part: Part | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [loaded, setLoaded] = useState<{ q: string; parts: Part[] } | null>(null);
  const search = useDebouncedCallback(setQ, 200);
  const parts = loaded?.parts ?? [];
  const loading = loaded?.q !== q;

  useEffect(() => {
    let live = true;
    call('parts.list', { q, limit: 30 }).then(
      (d) => live && setLoaded({ q, parts: d.rows }),
      () => live && setLoaded({ q, parts: [] }),
    );
    return () => {
      live = false;
    };
  }, [q]);

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: (v) => search.run(v.trim()) }}
      allowClear
      value={value ?? undefined}
      loading={loading}
      placeholder={t('parts.case.pickPart')}
      onChange={(v) => onChange?.(v ?? null, parts.find((p) => p.id === v) ?? null)}
      options={parts.map((p) => ({
        value: p.id,
        label: `${p.partNo} ${p.name}`,
        part: p,
      }))}
      optionRender={(o) => {
        const p = (o.data as { part: Part }).part;
        return (
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>
              <Typography.Text strong>{p.partNo}</Typography.Text> {p.name}
            </span>
            <Tag color={p.low ? (p.onHand <= 0 ? 'red' : 'orange') : 'default'} data-testid={`pick-onhand-${p.partNo}`}>
              {t('parts.case.onHand', { onHand: p.onHand, unit: p.unit })}
            </Tag>
          </Space>
        );
      }}
    />
  );
}
