import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DryRunResult } from '../../shared/engine';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import type { Json } from './json';
import { CaseLink } from './open-case';
import { refusalOf, type Refusal } from './rule-save';

/**
 * "Would have fired on 37 cases": the draft's conditions against every open case now, before it is
 * saved (rules.dryRun saves nothing). The first few cases are links, to check the rule reads right.
 */
export function useDryRun() {
  const showError = useShowError();
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(data: Json, onRefused: (r: Refusal) => void) {
    setBusy(true);
    setResult(null);
    try {
      setResult(await call('rules.dryRun', { kind: 'escalation', data, sampleSize: 8 }));
    } catch (raw) {
      const r = refusalOf(raw);
      if (r) onRefused(r);
      else showError(raw);
    } finally {
      setBusy(false);
    }
  }
  return { result, busy, run, clear: () => setResult(null) };
}

export function DryRunButton({ busy, onClick }: { busy: boolean; onClick(): void }) {
  const { t } = useTranslation();
  return (
    <Button id="rule-dry-run" icon={<ExperimentOutlined />} loading={busy} onClick={onClick}>
      {t('rules.dryRun.button')}
    </Button>
  );
}

export function DryRunView({ result, onOpen }: { result: DryRunResult | null; onOpen?: () => void }) {
  const { t } = useTranslation();
  if (!result) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="dry-run-result"
      style={{ marginBottom: 12 }}
      title={t('rules.dryRun.result', { count: result.wouldFire, total: result.total })}
      description={
        result.sample.length ? (
          <Space size={[0, 0]} wrap>
            <span>{t('rules.dryRun.sample')}</span>
            {result.sample.map((no) => (
              <CaseLink key={no} trackingNo={no} onOpen={onOpen} />
            ))}
            {result.wouldFire > result.sample.length && <span>…</span>}
          </Space>
        ) : undefined
      }
    />
  );
}
