import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportRowProblems, ImportWarning } from '../../shared/data-io';
import { fieldLabel, problemText } from './import-words';

export const PROBLEM_PAGE = 20;

/** The enum word a default stands for, in the person's language. */
function mappedWord(t: ReturnType<typeof useTranslation>['t'], w: ImportWarning): string {
  switch (w.field) {
    case 'status':
      return t(`importer.status.${w.mappedTo}`);
    case 'defectCategory':
      return t(`enum.defectCategory.${w.mappedTo}`, { defaultValue: w.mappedTo });
    case 'severity':
      return t(`enum.severity.${w.mappedTo}`, { defaultValue: w.mappedTo });
    case 'channel':
      return t(`enum.channel.${w.mappedTo}`, { defaultValue: w.mappedTo });
    default:
      return w.mappedTo;
  }
}

function Names({ names, count }: { names: string[]; count: number }) {
  const { t } = useTranslation();
  const shown = names.slice(0, 30);
  return (
    <Typography.Text type="secondary">
      {shown.join('、')}
      {count > shown.length ? ` ${t('importer.preview.more', { count: count - shown.length })}` : ''}
    </Typography.Text>
  );
}

/**
 * Step 3: what a run would do. Counts, the customers and models to create (a confirmation), words
 * imported with a default, and the rows with problems, paged; skip them or correct the file.
 */
export function PreviewStep(props: {
  preview: ImportPreview;
  page: number;
  onPage(p: number): void;
  createMissing: boolean;
  onCreateMissing(v: boolean): void;
  skip: boolean;
  onSkip(v: boolean): void;
  busy: boolean;
  onRun(): void;
  onBack(): void;
  onDownloadProblems(): void;
}) {
  const { t } = useTranslation();
  const p = props.preview;
  const needsConfirm = p.newCustomers.count > 0 || p.newProducts.count > 0;
  const toWrite = props.skip ? p.valid : p.invalid ? 0 : p.valid;
  const blocked = toWrite === 0 || (needsConfirm && !props.createMissing);

  return (
    <div data-testid="import-preview">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('importer.preview.total')} value={p.total} />
        </Col>
        <Col span={6}>
          <Statistic title={t('importer.preview.valid')} value={p.valid} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col span={6}>
          <Statistic title={t('importer.preview.invalid')} value={p.invalid} styles={{ content: p.invalid ? { color: '#cf1322' } : {} }} />
        </Col>
        <Col span={6}>
          <Statistic title={t('importer.preview.duplicates')} value={p.duplicates} />
        </Col>
      </Row>

      {needsConfirm ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <Space orientation="vertical" size={4}>
              {p.newCustomers.count ? (
                <div>
                  <div>{t('importer.preview.newCustomers', { count: p.newCustomers.count })}</div>
                  <Names {...p.newCustomers} />
                </div>
              ) : null}
              {p.newProducts.count ? (
                <div>
                  <div>{t('importer.preview.newProducts', { count: p.newProducts.count })}</div>
                  <Names {...p.newProducts} />
                </div>
              ) : null}
              <Checkbox checked={props.createMissing} onChange={(e) => props.onCreateMissing(e.target.checked)} data-testid="import-create-missing">
                {t('importer.preview.confirmCreate')}
              </Checkbox>
            </Space>
          }
        />
      ) : null}

      {p.warnings.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('importer.preview.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="import-warnings">
              {p.warnings.slice(0, 20).map((w) => (
                <li key={`${w.field}:${w.value}`}>
                  {t('importer.preview.warning', { field: fieldLabel(t, w.field), value: w.value, mappedTo: mappedWord(t, w), count: w.count, rows: w.rows.join(', ') })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      {p.invalid ? (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('importer.preview.problems')}
            </Typography.Title>
            <Button size="small" icon={<DownloadOutlined />} onClick={props.onDownloadProblems}>
              {t('importer.preview.downloadProblems')}
            </Button>
          </Space>
          <Table<ImportRowProblems>
            size="small"
            rowKey="row"
            data-testid="import-problems"
            dataSource={p.problemRows}
            pagination={{ current: props.page, pageSize: PROBLEM_PAGE, total: p.invalid, onChange: props.onPage, showSizeChanger: false }}
            loading={props.busy}
            columns={[
              { title: t('importer.preview.row'), dataIndex: 'row', width: 90 },
              {
                title: t('importer.preview.problem'),
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    {r.problems.map((pr, k) => (
                      <span key={k}>
                        {problemText(t, pr)}
                        {pr.value ? <Typography.Text type="secondary"> “{pr.value}”</Typography.Text> : null}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <Checkbox style={{ marginTop: 12, display: 'flex' }} checked={props.skip} onChange={(e) => props.onSkip(e.target.checked)} data-testid="import-skip">
            {t('importer.preview.skip')}
          </Checkbox>
          {!props.skip ? <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('importer.preview.skipOff')} /> : null}
        </>
      ) : (
        <Alert type="success" showIcon title={t('importer.preview.noProblems')} />
      )}

      <Space style={{ marginTop: 16 }}>
        <Button onClick={props.onBack}>{t('importer.preview.back')}</Button>
        <Button type="primary" disabled={blocked} loading={props.busy} onClick={props.onRun} data-testid="import-run">
          {t('importer.preview.run', { count: toWrite })}
        </Button>
      </Space>
    </div>
  );
}
