import type { FormLanguage } from '../../shared/print';
import { SERVICE_RESULTS } from '../../shared/service';
import { formatFen } from '../case/amounts';
import { Choices, Grid, Pairs, Section, Wide, type FormT } from '../print/form-parts';
import { QrCode } from '../print/qr-code';
import { dateTimeIn, spanIn, visitTotal } from './calendar-layout';
import type { VisitReportData } from './report-data';

/**
 * The visit report (服务报告) on one A4 sheet: the case, the visit (engineers, planned and actual
 * times, travel), the work done, the parts used on this visit, the result, the company's costs, and
 * boxes for the engineer's and the customer's signatures. Empty parts print as lines to write on,
 * so a planned visit's report can go with the engineers and be filled in on site.
 */

const cssString = (s: string) => `"${s.replace(/[\\"\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;

function footerCss(t: FormT, label: string): string {
  const parts = t('visits.report.pageOf', { page: '%%PAGE%%', pages: '%%PAGES%%' })
    .split(/(%%PAGES?%%)/)
    .filter((p) => p !== '')
    .map((p) => (p === '%%PAGE%%' ? 'counter(page)' : p === '%%PAGES%%' ? 'counter(pages)' : cssString(p)))
    .join(' ');
  return `@page { @bottom-right { content: ${cssString(`${label}  ·  `)} ${parts}; } }`;
}

export function VisitReport({ data, lang, t, printedAt }: { data: VisitReportData; lang: FormLanguage; t: FormT; printedAt: Date }) {
  const { action: a, file, parts, timeZone: tz } = data;
  const label = `${file.trackingNo} / ${a.id}`;
  const costs: Array<[string, number]> = [
    [t('visits.report.travelCost'), a.travelCost],
    [t('visits.report.accommodationCost'), a.accommodationCost],
    [t('visits.report.allowanceCost'), a.allowanceCost],
  ];
  return (
    <article className="ff-sheet" lang={lang} data-testid="visit-report">
      <style>{footerCss(t, label)}</style>
      <header className="ff-head">
        <div className="ff-head-text">
          <h1 className="ff-title">{t('visits.report.title')}</h1>
          <table className="ff-id">
            <tbody>
              <tr>
                <th>{t('visits.report.trackingNo')}</th>
                <td className="ff-no" data-testid="vr-tracking-no">
                  {file.trackingNo}
                </td>
              </tr>
              <tr>
                <th>{t('visits.report.actionNo')}</th>
                <td>{a.id}</td>
              </tr>
              <tr>
                <th>{t('visits.report.printedAt')}</th>
                <td>{dateTimeIn(printedAt.toISOString(), tz)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <QrCode text={file.trackingNo} size="24mm" />
      </header>

      <Section title={t('visits.report.case')} testId="vr-case">
        <Grid>
          <Pairs a={[t('visits.report.customer'), file.customerName]} b={[t('visits.report.contact'), [file.contactName, file.contactPhone].filter(Boolean).join(' ')]} />
          <Pairs a={[t('visits.report.product'), file.productModel]} b={[t('visits.report.serial'), file.serialNo]} />
          <Wide label={t('visits.report.description')} value={file.description} lines={2} />
        </Grid>
      </Section>

      <Section title={t('visits.report.visit')} testId="vr-visit">
        <Grid>
          <Pairs a={[t('visits.report.mode'), t(`visits.enum.mode.${a.mode}`)]} b={[t('visits.report.state'), t(`visits.enum.state.${a.state}`)]} />
          <Pairs a={[t('visits.report.engineers'), a.engineers.map((e) => e.name).join(lang === 'zh-CN' ? '、' : ', ')]} />
          <Pairs a={[t('visits.report.planned'), spanIn(a.plannedStart, a.plannedEnd, tz)]} b={[t('visits.report.actual'), spanIn(a.actualStart, a.actualEnd, tz)]} />
          <Pairs a={[t('visits.report.travel'), a.travelFrom || a.travelTo ? `${a.travelFrom ?? ''} → ${a.travelTo ?? ''}` : null]} />
          <Wide label={t('visits.report.summary')} value={a.summary} lines={1} />
        </Grid>
      </Section>

      <Section title={t('visits.report.work')} testId="vr-work">
        <Grid>
          <Wide label={t('visits.report.workDone')} value={a.workDone} lines={5} />
          <tr>
            <th>{t('visits.report.result')}</th>
            <td colSpan={3}>
              <Choices values={SERVICE_RESULTS} value={a.result} label={(r) => t(`visits.enum.result.${r}`)} />
            </td>
          </tr>
          {a.note && <Wide label={t('visits.report.note')} value={a.note} lines={1} />}
        </Grid>
      </Section>

      <Section title={t('visits.report.parts')} testId="vr-parts">
        {parts.length ? (
          <table className="ff-list">
            <colgroup>
              <col style={{ width: '18%' }} />
              <col />
              <col style={{ width: '9%' }} />
              <col style={{ width: '20%' }} />
              <col style={{ width: '20%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('visits.report.partNo')}</th>
                <th>{t('visits.report.partName')}</th>
                <th>{t('visits.report.qty')}</th>
                <th>{t('visits.report.faulty')}</th>
                <th>{t('visits.report.replacement')}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p) => (
                <tr key={p.id}>
                  <td>{p.partNo}</td>
                  <td>{p.partName}</td>
                  <td className="ff-num">{p.quantity}</td>
                  <td>{p.faultySerial}</td>
                  <td>{p.replacementSerial}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="vr-none">{t('visits.report.noParts')}</div>
        )}
      </Section>

      <Section title={t('visits.report.costs')} testId="vr-costs">
        <table className="ff-list">
          <colgroup>
            <col />
            <col style={{ width: '30%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('visits.report.costType')}</th>
              <th>{t('visits.report.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {costs.map(([name, fen]) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="ff-num">{a.state === 'done' || fen ? formatFen(fen) : ''}</td>
              </tr>
            ))}
            <tr className="ff-total">
              <th>{t('visits.report.total')}</th>
              <td className="ff-num">{a.state === 'done' || visitTotal(a) ? formatFen(visitTotal(a)) : ''}</td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section title={t('visits.report.signatures')} testId="vr-signatures">
        <div className="vr-signs">
          <div className="vr-sign">
            <div className="ff-sign-label">{t('visits.report.signEngineer')}</div>
            <div className="vr-sign-space" />
            <div className="vr-sign-by" />
            <div className="vr-sign-date">{t('visits.report.date')}</div>
          </div>
          <div className="vr-sign">
            <div className="ff-sign-label">{t('visits.report.signCustomer')}</div>
            <div className="vr-sign-space" />
            <div className="vr-sign-by">{a.customerSignoff ? t('visits.report.signedBy', { name: a.customerSignoff }) : ''}</div>
            <div className="vr-sign-date">{t('visits.report.date')}</div>
          </div>
        </div>
      </Section>
    </article>
  );
}
