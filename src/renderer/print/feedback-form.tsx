import type { CostLineDetail } from '../../shared/costs';
import type { FormLanguage } from '../../shared/print';
import type { CaseFile } from '../../shared/types';
import { formatInstant } from '../common/format';
import type { FormT } from './form-parts';
import { QrCode } from './qr-code';
import { CostsSection } from './sections-costs';
import { ClassificationSection, IntakeSection } from './sections-intake';
import { DecisionSection, InvestigationSection, OptionsSection } from './sections-investigation';
import {
  AcceptanceSection,
  AgreementSection,
  AttachmentsSection,
  ResponsibilitySection,
  Signatures,
  VerificationSection,
} from './sections-closure';

/**
 * The customer feedback processing form (客户反馈处理单, seed 002 §5.1) as one A4 sheet, or two: the
 * case as recorded so far, with blank lines where nothing is recorded yet, and boxes for the
 * signatures. Company-neutral: the office's letterhead or stamp goes on by hand or by printer tray.
 */

export interface FeedbackFormProps {
  file: CaseFile;
  lang: FormLanguage;
  t: FormT;
  /** The office's currency, for the customer's agreed amount. */
  currency: string;
  printedAt: Date;
  /** The case's cost lines (`costs.caseDetail`); without them the costs section loads its own. */
  costs?: CostLineDetail[];
}

/** A CSS string literal: the tracking number format is configurable, so quote what it may hold. */
const cssString = (s: string) => `"${s.replace(/[\\"\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;

/** The page footer in the margin box: "tracking number · page n of m", counters filled in by the printer. */
function pageFooterCss(t: FormT, trackingNo: string): string {
  const PAGE = '%%PAGE%%';
  const PAGES = '%%PAGES%%';
  const content = t('form.pageOf', { page: PAGE, pages: PAGES })
    .split(/(%%PAGES?%%)/)
    .filter((p) => p !== '')
    .map((p) => (p === PAGE ? 'counter(page)' : p === PAGES ? 'counter(pages)' : cssString(p)))
    .join(' ');
  return `@page { @bottom-right { content: ${cssString(`${trackingNo}  ·  `)} ${content}; } }`;
}

export function FeedbackForm({ file, lang, t, currency, printedAt, costs }: FeedbackFormProps) {
  return (
    <article className="ff-sheet" lang={lang} data-testid="feedback-form">
      <style>{pageFooterCss(t, file.trackingNo)}</style>
      <header className="ff-head">
        <div className="ff-head-text">
          <h1 className="ff-title">{t('form.title')}</h1>
          <table className="ff-id">
            <tbody>
              <tr>
                <th>{t('form.trackingNo')}</th>
                <td className="ff-no" data-testid="ff-tracking-no">
                  {file.trackingNo}
                </td>
              </tr>
              <tr>
                <th>{t('form.state')}</th>
                <td>{t(`enum.state.${file.state}`)}</td>
              </tr>
              <tr>
                <th>{t('form.printedAt')}</th>
                <td>{formatInstant(printedAt.toISOString())}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <QrCode text={file.trackingNo} size="26mm" />
      </header>
      <IntakeSection file={file} t={t} />
      <ClassificationSection file={file} t={t} />
      <InvestigationSection file={file} t={t} />
      <OptionsSection file={file} t={t} />
      <DecisionSection file={file} t={t} />
      <AgreementSection file={file} t={t} currency={currency} />
      <ResponsibilitySection file={file} t={t} />
      <AcceptanceSection file={file} t={t} />
      <VerificationSection file={file} t={t} />
      <AttachmentsSection file={file} t={t} />
      <CostsSection file={file} t={t} currency={currency} lines={costs} />
      <Signatures t={t} />
    </article>
  );
}
