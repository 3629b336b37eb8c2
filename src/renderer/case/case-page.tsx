import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorDetail, errorTitle, toApiError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { AcceptanceSection } from './acceptance-section';
import { AgreementSection } from './agreement-section';
import { AttachmentsSection } from './attachments-section';
import { CaseProvider, useCase, useCaseApi, useCaseLoader } from './case-context';
import { CaseEnginePanel } from './case-engine-panel';
import { CaseHeader } from './case-header';
import { CaseTimeline } from './case-timeline';
import { IntakeSection } from './intake-section';
import { InvestigationSection } from './investigation-section';
import { OptionsSection } from './options-section';
import { ResponsibilitySection } from './responsibility-section';
import { RoutingSection } from './routing-section';
import { VerificationSection } from './verification-section';
import { VisitsSection } from '../visits/visits-section';
import { ReturnsSection } from '../returns/returns-section';
import { CaseCostsSection } from '../returns/case-costs-section';
import { CasePartsSection } from '../parts/case-parts-section';
import { ContractSection } from '../contracts/contract-section';
import { CaseCapaSection } from '../capa/case-capa-section';
import './case.css';

/**
 * One case, where the whole procedure happens: the feedback form's parts in the order they are
 * filled in, the steps the rules allow this person now, the attachments and the history.
 */

function CaseLayout() {
  const { t } = useTranslation();
  const { file, events, profiles, departments } = useCase();
  const s = file.state;
  const since = (at: string | undefined) => !!at && (!file.stateChangedAt || at >= file.stateChangedAt);
  const customerPays = file.options.some((o) => o.payer === 'customer' && o.estimatedCost > 0);
  const investigating = s === 'investigating';
  // Where the next step waits: the part to fill in is marked.
  const current = {
    routing: s === 'registered' && !file.classification,
    investigation: investigating && !(file.investigation?.cause && file.investigation.countermeasures),
    options: investigating && file.options.length === 0,
    agreement: (investigating || s === 'awaiting_decision') && customerPays && !file.agreement,
    acceptance: s === 'in_service' && !since(file.acceptance?.recordedAt),
    verification: s === 'awaiting_verification' && !since(file.verifications[file.verifications.length - 1]?.recordedAt),
    responsibility:
      s === 'verified' && file.classification === 'quality' && file.responsibilities.reduce((n, r) => n + r.shareBp, 0) !== 10000,
  };
  const showAgreement = file.classification === 'non_quality' || customerPays || !!file.agreement;

  return (
    <div className="case-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(paths.complaints)} style={{ paddingInline: 0 }}>
        {t('common.back')}
      </Button>
      <CaseHeader />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16} className="case-main">
          <IntakeSection />
          <RoutingSection current={current.routing} />
          <InvestigationSection current={current.investigation} />
          <OptionsSection current={current.options} />
          {showAgreement && <AgreementSection current={current.agreement} />}
          {/* Issue 5: the service itself — visits and other actions, parts, returns, a contract where out of warranty. */}
          <ContractSection />
          <VisitsSection />
          <CasePartsSection />
          <ReturnsSection />
          <CaseCostsSection />
          <AcceptanceSection current={current.acceptance} />
          <VerificationSection current={current.verification} />
          <ResponsibilitySection current={current.responsibility} />
        </Col>
        <Col xs={24} xl={8} className="case-side">
          <CaseEnginePanel />
          <CaseCapaSection />
          <AttachmentsSection />
          <Card size="small" title={t('case.timeline')} className="case-section">
            <CaseTimeline events={events} lookups={{ profiles, departments }} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export function CasePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const loader = useCaseLoader(id);
  const api = useCaseApi(loader);

  if (loader.loadError) {
    const e = toApiError(loader.loadError);
    return (
      <Result
        status={e.code === 'NOT_FOUND' ? '404' : 'error'}
        title={t('case.loadFailed')}
        subTitle={[errorTitle(t, e), errorDetail(e)].filter(Boolean).join(' · ')}
        extra={
          <Space>
            <Button onClick={() => navigate(paths.complaints)}>{t('common.back')}</Button>
            <Button onClick={() => void loader.reload()}>{t('common.retry')}</Button>
          </Space>
        }
      />
    );
  }
  if (!api) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <CaseProvider value={api}>
      <CaseLayout />
    </CaseProvider>
  );
}
