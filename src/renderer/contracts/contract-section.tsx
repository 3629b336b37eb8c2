import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COVERING_CONTRACT_STATES, type ServiceContract } from '../../shared/service';
import { call } from '../api/client';
import { formatFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { LockHint, NotYet } from '../case/section-card';
import { WarrantyTag } from '../rules/engine-warranty';
import { ContractStateTag, ContractStepButtons, unitsText } from './contract-steps';
import { QuoteModal } from './quote-modal';

/**
 * The case's "Service contract" part (seed 001: beyond the warranty, the sales staff sign an
 * after-sales service contract with the customer). Shows the rule engine's warranty status; when
 * the work is paid and no signed contract covers it, says so and offers the quotation at once. Then
 * the contracts quoted from the case or covering its unit, with their state and next steps.
 */

const PAID = new Set(['out_of_warranty', 'excluded']);

export function ContractSection() {
  const { t } = useTranslation();
  const { file, workflow, refresh } = useCase();
  const [contracts, setContracts] = useState<ServiceContract[] | null>(null);
  const [error, setError] = useState(false);
  const [quoting, setQuoting] = useState(false);
  const blocker = workflow.sections.contract;

  const load = useCallback(() => {
    call('contracts.forCase', { id: file.id }).then(
      (list) => {
        setContracts(list);
        setError(false);
      },
      () => setError(true),
    );
  }, [file.id]);
  // The case's version moves with a quotation and with every engine re-evaluation a contract step causes.
  useEffect(load, [load, file.version, file.warrantyStatus]);

  const covering = (contracts ?? []).filter((c) => COVERING_CONTRACT_STATES.includes(c.state));
  const pending = (contracts ?? []).filter((c) => c.complaintId === file.id && (c.state === 'quotation' || c.state === 'sent'));
  const paid = !!file.warrantyStatus && PAID.has(file.warrantyStatus);
  const needsContract = paid && covering.length === 0;

  const quoteButton = (primary: boolean) =>
    blocker ? (
      <LockHint section="contract" />
    ) : (
      <Button id="contract-quote" size="small" type={primary ? 'primary' : 'default'} icon={<FileAddOutlined />} onClick={() => setQuoting(true)}>
        {primary ? t('contracts.createQuote') : t('contracts.newQuote')}
      </Button>
    );

  return (
    <Card
      id="section-contract"
      size="small"
      title={t('contracts.sectionTitle')}
      extra={needsContract && pending.length === 0 ? null : quoteButton(false)}
      className={`case-section${needsContract && !blocker ? ' case-section-current' : ''}`}
      data-testid="contract-section"
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <div>
          <Typography.Text type="secondary">{t('contracts.warranty')}: </Typography.Text>
          {file.warrantyStatus ? <WarrantyTag status={file.warrantyStatus} /> : <Typography.Text type="secondary">{t('contracts.notDecided')}</Typography.Text>}
          {covering[0] && (
            <Typography.Text style={{ marginInlineStart: 8 }} data-testid="contract-covered">
              {t('contracts.coveredBy', { no: covering[0].contractNo })}
            </Typography.Text>
          )}
        </div>
        {needsContract && (
          <Alert
            type="warning"
            showIcon
            data-testid="contract-needed"
            title={file.warrantyStatus === 'excluded' ? t('contracts.excludedNeeded') : t('contracts.paidNeeded')}
            description={pending[0] ? t('contracts.pendingQuote', { no: pending[0].contractNo }) : undefined}
            action={pending.length === 0 ? quoteButton(true) : undefined}
          />
        )}
        {error && <Alert type="error" showIcon title={t('contracts.loadFailed')} />}
        {contracts && contracts.length === 0 && !needsContract && <NotYet text={t('contracts.none')} />}
        {contracts && contracts.length > 0 && (
          <div data-testid="contract-list">
            {contracts.map((c) => (
              <div key={c.id} className="contract-item" data-testid={`contract-${c.id}`} style={{ padding: '8px 0', borderTop: '1px solid rgba(5,5,5,0.06)' }}>
                <Space size={8} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Space size={8} wrap>
                    <Typography.Text strong>{c.contractNo}</Typography.Text>
                    <ContractStateTag state={c.state} />
                    <Typography.Text>{formatFen(c.fee)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {c.validFrom} ~ {c.validTo}
                    </Typography.Text>
                    <Typography.Text type="secondary">{c.complaintId === file.id ? t('contracts.fromCase') : t('contracts.coversUnit')}</Typography.Text>
                  </Space>
                  <ContractStepButtons contract={c} onDone={() => void refresh().then(load)} />
                </Space>
                <div style={{ marginTop: 4 }}>{c.scope}</div>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('contracts.field.units')}: {unitsText(c)}
                  {c.signedBy && ` · ${t('contracts.field.signed')}: ${c.signedBy} ${c.signedAt ?? ''}`}
                  {c.invoiceNo && ` · ${t('contracts.field.invoiceNo')}: ${c.invoiceNo}`}
                  {c.state === 'quotation' && c.quoteValidUntil && ` · ${t('contracts.field.quoteValidUntil')}: ${c.quoteValidUntil}`}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}
      </Space>
      {quoting && <QuoteModal onClose={() => setQuoting(false)} />}
    </Card>
  );
}
