import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Result, Space, Spin, Steps, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAnalysis, ImportPreview, ImportStatus } from '../../shared/data-io';
import { MAX_IMPORT_BYTES } from '../../shared/schemas/data-io';
import { ApiError } from '../../shared/errors';
import { call, on } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { downloadBase64, XLSX_MIME } from '../costs/download';
import { currentLanguage } from '../i18n';
import { skippedWords } from './import-words';
import { MappingStep, type Mapping } from './mapping-step';
import { PreviewStep, PROBLEM_PAGE } from './preview-step';

/**
 * `#/import` (issue 8): the office's old tracking table into the app. Pick or drop the file → the
 * sheet, header row and which column fills which field (suggested from the headers) → a check of
 * every row (problems, duplicates, customers and models to create) → the run, with a progress bar
 * and a cancel button (main writes everything in one transaction in a worker) → the result, with
 * the skipped rows as a file.
 */

type Step = 'file' | 'mapping' | 'preview' | 'run' | 'result';
const STEPS: Step[] = ['file', 'mapping', 'preview', 'run', 'result'];
const ENDED = new Set(['done', 'failed', 'cancelled']);
const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [step, setStep] = useState<Step>('file');
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [page, setPage] = useState(1);
  const [createMissing, setCreateMissing] = useState(false);
  const [skip, setSkip] = useState(false);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const importId = analysis?.importId ?? null;

  /** A refusal of the file in the person's words (unreadable, .xls, too large), else the general display. */
  const fileFailure = useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      const issue = err instanceof ApiError && err.code === 'VALIDATION' ? err.issues[0] : undefined;
      if (issue) setFileError(t(`importer.error.${issue.code}`, { ...issue.params, defaultValue: issue.message }));
      else showError(e);
    },
    [showError, t],
  );

  const pick = async (file: File) => {
    setFileError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFileError(t('importer.upload.tooLarge', { max: MAX_MB }));
      return;
    }
    setReading(file.name);
    try {
      const data = await readBase64(file);
      const a = await call('import.analyse', { fileName: file.name, data });
      setAnalysis(a);
      setMapping(a.suggested);
      setStep('mapping');
    } catch (e) {
      fileFailure(e);
    } finally {
      setReading(null);
    }
  };

  const reanalyse = async (o: { sheet: string; headerRow: number }) => {
    if (!analysis) return;
    setBusy(true);
    try {
      const a = await call('import.analyse', {
        fileName: analysis.fileName,
        data: '',
        importId: analysis.importId,
        sheet: o.sheet,
        ...(o.headerRow ? { headerRow: o.headerRow } : {}),
      });
      setAnalysis(a);
      setMapping(a.suggested);
    } catch (e) {
      fileFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const loadPreview = async (p: number) => {
    if (!importId) return;
    setBusy(true);
    try {
      setPreview(await call('import.preview', { importId, mapping, offset: (p - 1) * PROBLEM_PAGE, limit: PROBLEM_PAGE }));
      setPage(p);
      setStep('preview');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!importId) return;
    setBusy(true);
    try {
      setCancelling(false);
      setStatus(await call('import.run', { importId, mapping, createMissing, skipBadRows: skip }));
      setStep('run');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  // Progress: the events, and the status now and then in case an event was missed.
  useEffect(() => {
    if (step !== 'run' || !importId) return;
    const off = on('import.progress', (s) => {
      if (s.importId === importId) setStatus(s);
    });
    const timer = setInterval(() => {
      call('import.status', { importId }).then(setStatus, () => undefined);
    }, 1000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [step, importId]);
  // The run's end shows the result.
  const shown: Step = step === 'run' && status && ENDED.has(status.phase) ? 'result' : step;

  const cancel = async () => {
    if (!importId) return;
    setCancelling(true);
    try {
      setStatus(await call('import.cancel', { importId }));
    } catch (e) {
      showError(e);
    }
  };

  const download = async (format: 'xlsx' | 'csv') => {
    if (!importId) return;
    try {
      const f = await call('import.skippedRows', { importId, format, words: skippedWords(currentLanguage()) });
      downloadBase64(f.fileName, format === 'xlsx' ? XLSX_MIME : 'text/csv', f.data);
      void message.success(f.fileName);
    } catch (e) {
      showError(e);
    }
  };

  const restart = () => {
    if (importId && status?.phase !== 'done') void call('import.cancel', { importId }).catch(() => undefined);
    setAnalysis(null);
    setPreview(null);
    setStatus(null);
    setMapping({});
    setCreateMissing(false);
    setSkip(false);
    setStep('file');
  };

  const r = status?.result;
  return (
    <div data-testid="import-page" style={{ maxWidth: 1100 }}>
      <Typography.Title level={3}>{t('importer.title')}</Typography.Title>
      <Steps
        size="small"
        current={STEPS.indexOf(shown)}
        items={STEPS.map((s) => ({ title: t(`importer.steps.${s}`) }))}
        style={{ marginBottom: 24 }}
      />
      <Card>
        {shown === 'file' ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('importer.intro')}</Typography.Paragraph>
            <Spin spinning={reading !== null} description={reading ? t('importer.upload.reading', { name: reading }) : undefined}>
              <Upload.Dragger
                accept=".xlsx,.xlsm,.csv,.txt"
                multiple={false}
                showUploadList={false}
                beforeUpload={(file) => {
                  void pick(file);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('importer.upload.drop')}</p>
                <p className="ant-upload-hint">{t('importer.upload.hint', { max: MAX_MB })}</p>
              </Upload.Dragger>
            </Spin>
            {fileError ? <Alert type="error" showIcon title={fileError} data-testid="import-file-error" /> : null}
          </Space>
        ) : null}

        {shown === 'mapping' && analysis ? (
          <MappingStep
            key={`${analysis.sheet}:${analysis.headerRow}`}
            analysis={analysis}
            mapping={mapping}
            onMapping={setMapping}
            onReanalyse={(o) => void reanalyse(o)}
            busy={busy}
            onNext={() => void loadPreview(1)}
            onBack={restart}
          />
        ) : null}

        {shown === 'preview' && preview ? (
          <PreviewStep
            preview={preview}
            page={page}
            onPage={(p) => void loadPreview(p)}
            createMissing={createMissing}
            onCreateMissing={setCreateMissing}
            skip={skip}
            onSkip={setSkip}
            busy={busy}
            onRun={() => void run()}
            onBack={() => setStep('mapping')}
            onDownloadProblems={() => void download('xlsx')}
          />
        ) : null}

        {shown === 'run' && status ? (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-running">
            <Typography.Text strong>{t(`importer.run.phase.${status.phase}`, { done: status.done, total: status.total })}</Typography.Text>
            <Progress
              percent={status.phase === 'writing' && status.total ? Math.floor((status.done / status.total) * 100) : 0}
              status="active"
              data-testid="import-progress"
            />
            <Typography.Text type="secondary">{cancelling ? t('importer.run.cancelling') : t('importer.run.hint')}</Typography.Text>
            <Button danger onClick={() => void cancel()} disabled={cancelling} data-testid="import-cancel">
              {t('importer.run.cancel')}
            </Button>
          </Space>
        ) : null}

        {shown === 'result' && status ? (
          status.phase === 'done' && r ? (
            <Result
              status="success"
              data-testid="import-result"
              title={t('importer.result.done', { count: r.created, created: r.created })}
              subTitle={
                <Space orientation="vertical">
                  <span>{t('importer.result.detail', { closed: r.closed, customers: r.customersCreated, products: r.productsCreated, costs: r.costLines })}</span>
                  {r.skipped ? <Typography.Text type="warning">{t('importer.result.skipped', { count: r.skipped })}</Typography.Text> : null}
                </Space>
              }
              extra={[
                r.skipped ? (
                  <Space.Compact key="skipped">
                    <Button onClick={() => void download('xlsx')} data-testid="import-download-skipped">
                      {t('importer.result.download')}
                    </Button>
                    <Button onClick={() => void download('csv')}>{t('importer.result.downloadCsv')}</Button>
                  </Space.Compact>
                ) : null,
                <Button key="open" type="primary" href="#/complaints" data-testid="import-open-table">
                  {t('importer.result.open')}
                </Button>,
                <Button key="again" onClick={restart}>
                  {t('importer.result.again')}
                </Button>,
              ]}
            />
          ) : (
            <Result
              status={status.phase === 'cancelled' ? 'info' : 'error'}
              data-testid="import-result"
              title={t(status.phase === 'cancelled' ? 'importer.result.cancelled' : 'importer.result.failed')}
              subTitle={r?.failure ? t(`importer.failure.${r.failure.code}`, { ...r.failure.params, defaultValue: r.failure.code }) : undefined}
              extra={[
                <Button key="retry" type="primary" onClick={() => void loadPreview(1)}>
                  {t('importer.result.retry')}
                </Button>,
                <Button key="again" onClick={restart}>
                  {t('importer.result.again')}
                </Button>,
              ]}
            />
          )
        ) : null}
      </Card>
    </div>
  );
}
