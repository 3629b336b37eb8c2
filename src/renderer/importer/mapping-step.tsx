import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAnalysis } from '../../shared/data-io';
import { IMPORT_FIELDS, type ImportField } from '../../shared/schemas/data-io';
import { columnLetter, fieldLabel, REQUIRED_FIELDS } from './import-words';

export type Mapping = Partial<Record<ImportField, number>>;

/**
 * Step 2: which sheet and header row, and which column fills which field. The suggestion from the
 * headers is preselected; each field shows the first values of its column.
 */
export function MappingStep(props: {
  analysis: ImportAnalysis;
  mapping: Mapping;
  onMapping(m: Mapping): void;
  onReanalyse(o: { sheet: string; headerRow: number }): void;
  busy: boolean;
  onNext(): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const { analysis: a, mapping } = props;
  const [headerRow, setHeaderRow] = useState(a.headerRow);
  const columnOptions = a.columns.map((c) => ({
    value: c.index,
    label: t('importer.mapping.columnLabel', { letter: columnLetter(c.index), header: c.header || t('importer.mapping.noHeader') }),
  }));
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  const set = (f: ImportField, col: number | undefined) => {
    const next: Mapping = { ...mapping };
    if (col === undefined) delete next[f];
    else {
      // A column fills one field: taken from the field that had it.
      for (const k of Object.keys(next) as ImportField[]) if (next[k] === col) delete next[k];
      next[f] = col;
    }
    props.onMapping(next);
  };

  return (
    <div data-testid="import-mapping">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('importer.mapping.sheet')}</span>
        <Select
          style={{ minWidth: 180 }}
          value={a.sheet}
          options={a.sheets.map((s) => ({ value: s.name, label: `${s.name} (${s.rows})` }))}
          onChange={(sheet: string) => props.onReanalyse({ sheet, headerRow: 0 })}
          aria-label={t('importer.mapping.sheet')}
          disabled={props.busy}
        />
        <span>{t('importer.mapping.headerRow')}</span>
        <InputNumber min={1} max={50} value={headerRow} onChange={(v) => v && setHeaderRow(v)} aria-label={t('importer.mapping.headerRow')} />
        <Button icon={<ReloadOutlined />} onClick={() => props.onReanalyse({ sheet: a.sheet, headerRow })} loading={props.busy}>
          {t('importer.mapping.reanalyse')}
        </Button>
        <Typography.Text type="secondary">{t('importer.mapping.rows', { count: a.rowCount })}</Typography.Text>
      </Space>
      <Alert type="info" showIcon title={t('importer.mapping.suggested')} style={{ marginBottom: 12 }} />
      <Table<{ field: ImportField }>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={IMPORT_FIELDS.map((field) => ({ field }))}
        columns={[
          {
            title: t('importer.mapping.field'),
            width: 220,
            render: (_, { field }) => (
              <Space size={4}>
                <Tooltip title={t(`importer.fieldHint.${field}`, { defaultValue: '' }) || undefined}>
                  <span>{fieldLabel(t, field)}</span>
                </Tooltip>
                {REQUIRED_FIELDS.includes(field) ? <Tag color="red">{t('importer.mapping.required')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('importer.mapping.column'),
            width: 320,
            render: (_, { field }) => (
              <Select<number>
                style={{ width: '100%' }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('importer.mapping.none')}
                value={mapping[field]}
                options={columnOptions}
                onChange={(v) => set(field, v ?? undefined)}
                data-testid={`map-${field}`}
                aria-label={fieldLabel(t, field)}
              />
            ),
          },
          {
            title: t('importer.mapping.samples'),
            render: (_, { field }) => {
              const col = mapping[field];
              const samples = col === undefined ? [] : (a.columns[col]?.samples ?? []);
              return <Typography.Text type="secondary">{samples.join(' · ')}</Typography.Text>;
            },
          },
        ]}
      />
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('importer.mapping.missingRequired', { fields: missing.map((f) => fieldLabel(t, f)).join(t('common.listSeparator', { defaultValue: ', ' })) })}
        />
      ) : null}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={props.onBack}>{t('importer.mapping.back')}</Button>
        <Button type="primary" disabled={missing.length > 0} loading={props.busy} onClick={props.onNext} data-testid="import-to-preview">
          {t('importer.mapping.next')}
        </Button>
      </Space>
    </div>
  );
}
