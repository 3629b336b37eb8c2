import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { calendarDateOf } from '../../shared/dates';
import type { FormLanguage } from '../../shared/print';
import { Section, type FormT } from '../print/form-parts';
import { ParetoChart } from './pareto-chart';
import type { ReportData } from './report-data';
import { barLabel, bearerLabel, change, count, monthTitle, percentOfBp, yuan } from './report-labels';

/**
 * The monthly report for the chairman on A4 portrait (issue 7): the month's key figures against the
 * previous month, the Pareto diagrams, the main issues, the decisions waiting for the chairman, the
 * month's costs by department and the corrective actions still open. The same sheet is the preview
 * on the report page, the printed page and the PDF. `onDrawn` fires once every chart is drawn.
 */

const cssString = (s: string) => `"${s.replace(/[\\"\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;

function footerCss(t: FormT, label: string): string {
  const parts = t('report.sheet.pageOf', { page: '%%PAGE%%', pages: '%%PAGES%%' })
    .split(/(%%PAGES?%%)/)
    .filter((p) => p !== '')
    .map((p) => (p === '%%PAGE%%' ? 'counter(page)' : p === '%%PAGES%%' ? 'counter(pages)' : cssString(p)))
    .join(' ');
  return `@page { @bottom-right { content: ${cssString(`${label}  ·  `)} ${parts}; } }`;
}

export function MonthlyReportSheet({ data, lang, t, onDrawn }: { data: ReportData; lang: FormLanguage; t: FormT; onDrawn?: () => void }) {
  const { report: r, departments, timeZone: tz } = data;
  const k = r.kpis;
  const title = monthTitle(r.month, lang);
  const date = (iso: string) => calendarDateOf(new Date(iso), tz);

  // Every chart reports once when drawn (the sheet is re-mounted for another month or language);
  // the sheet is drawn when all of them have.
  const drawn = useRef(new Set<number>());
  const charted = r.paretos.filter((p) => p.bars.length > 0);
  useEffect(() => {
    if (charted.length === 0) onDrawn?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: a month without any chart is drawn at once
  }, []);
  const chartDrawn = useCallback(
    (i: number) => {
      drawn.current.add(i);
      if (drawn.current.size === charted.length) onDrawn?.();
    },
    [charted.length, onDrawn],
  );

  const kpiRows = useMemo(
    () =>
      [
        ['received', count(k.received, lang), count(k.receivedPrev, lang), change(k.received, k.receivedPrev)],
        ['closed', count(k.closed, lang), null, null],
        ['open', count(k.open, lang), null, null],
        ['slaMet', percentOfBp(k.slaMetBp), null, null],
        ['avgDaysToClose', k.avgDaysToClose === null ? '—' : t('report.kpi.days', { n: k.avgDaysToClose.toFixed(1) }), null, null],
        ['repeats', count(k.repeats, lang), null, null],
        ['satisfaction', k.satisfactionAvg === null ? '—' : `${k.satisfactionAvg.toFixed(2)} / 5`, null, null],
        ['costs', yuan(k.costs, lang), yuan(k.costsPrev, lang), change(k.costs, k.costsPrev)],
      ] as const,
    [k, lang, t],
  );

  return (
    <article className="ff-sheet mr-sheet" lang={lang} data-testid="monthly-report">
      <style>{footerCss(t, `${t('report.sheet.title')} ${r.month}`)}</style>
      <header className="ff-head">
        <div className="ff-head-text">
          <h1 className="ff-title">{t('report.sheet.title')}</h1>
          <div className="mr-month" data-testid="mr-month">
            {title}
          </div>
        </div>
        <table className="ff-id">
          <tbody>
            <tr>
              <th>{t('report.sheet.to')}</th>
              <td>{t('report.sheet.chairman')}</td>
            </tr>
            <tr>
              <th>{t('report.sheet.period')}</th>
              <td>
                {r.month}-01 — {lastDay(r.month)}
              </td>
            </tr>
            <tr>
              <th>{t('report.sheet.generatedAt')}</th>
              <td>{date(r.generatedAt)}</td>
            </tr>
          </tbody>
        </table>
      </header>

      <Section title={t('report.sheet.kpis')} testId="mr-kpis">
        <table className="ff-list mr-kpis">
          <colgroup>
            <col />
            <col style={{ width: '22%' }} />
            <col style={{ width: '22%' }} />
            <col style={{ width: '14%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('report.kpi.measure')}</th>
              <th>{t('report.kpi.thisMonth')}</th>
              <th>{t('report.kpi.previousMonth')}</th>
              <th>{t('report.kpi.change')}</th>
            </tr>
          </thead>
          <tbody>
            {kpiRows.map(([key, now, before, delta]) => (
              <tr key={key} data-testid={`mr-kpi-${key}`}>
                <th>{t(`report.kpi.${key}`)}</th>
                <td className="ff-num">{now}</td>
                <td className="ff-num">{before ?? ''}</td>
                <td className="ff-num">{delta ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t('report.sheet.paretos')} testId="mr-paretos">
        <div className="mr-charts">
          {r.paretos.map((p) => {
            const i = charted.indexOf(p);
            const fen = p.unit === 'fen';
            return (
              <figure key={p.dimension} className="mr-chart-box" data-testid={`mr-pareto-${p.dimension}`}>
                <figcaption>
                  <span className="mr-chart-title">{t(`report.pareto.${p.dimension}`)}</span>
                  <span className="mr-chart-total">
                    {fen ? t('report.pareto.totalFen', { amount: yuan(p.total, lang) }) : t('report.pareto.totalCases', { n: count(p.total, lang) })}
                    {p.bars.length > 0 && ` · ${t('report.pareto.vitalFew', { n: p.vitalFew })}`}
                  </span>
                </figcaption>
                {p.bars.length > 0 ? (
                  <ParetoChart
                    result={p}
                    labels={p.bars.map((b) => barLabel(t, p.dimension, b, departments))}
                    valueFormat={(v) => (fen ? yuan(v, lang, true) : count(v, lang))}
                    onDrawn={() => chartDrawn(i)}
                  />
                ) : (
                  <div className="mr-chart-empty">{t('report.pareto.empty')}</div>
                )}
              </figure>
            );
          })}
        </div>
      </Section>

      <FlowSection title={t('report.sheet.mainIssues')} testId="mr-main-issues">
        {r.mainIssues.length ? (
          <table className="ff-list">
            <colgroup>
              <col style={{ width: '17%' }} />
              <col style={{ width: '22%' }} />
              <col style={{ width: '10%' }} />
              <col style={{ width: '9%' }} />
              <col />
              <col style={{ width: '10%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('report.col.trackingNo')}</th>
                <th>{t('report.col.customer')}</th>
                <th>{t('report.col.model')}</th>
                <th>{t('report.col.severity')}</th>
                <th>{t('report.col.description')}</th>
                <th>{t('report.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {r.mainIssues.map((c) => (
                <tr key={c.id}>
                  <td>{c.trackingNo}</td>
                  <td>{c.customerName}</td>
                  <td>{c.productModel}</td>
                  <td>{t(`enum.severity.${c.severity}`)}</td>
                  <td>
                    <div className="mr-clip">{c.description}</div>
                  </td>
                  <td>{t(`enum.state.${c.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="vr-none">{t('report.sheet.noMainIssues')}</div>
        )}
      </FlowSection>

      <FlowSection title={t('report.sheet.awaitingChairman')} testId="mr-awaiting">
        {r.awaitingChairman.length ? (
          <table className="ff-list">
            <colgroup>
              <col style={{ width: '19%' }} />
              <col style={{ width: '24%' }} />
              <col style={{ width: '13%' }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>{t('report.col.trackingNo')}</th>
                <th>{t('report.col.customer')}</th>
                <th>{t('report.col.since')}</th>
                <th>{t('report.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {r.awaitingChairman.map((c) => (
                <tr key={c.id}>
                  <td>{c.trackingNo}</td>
                  <td>{c.customerName}</td>
                  <td>{date(c.since)}</td>
                  <td>
                    <div className="mr-clip">{c.reason ?? ''}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="vr-none">{t('report.sheet.noneAwaiting')}</div>
        )}
      </FlowSection>

      <FlowSection title={t('report.sheet.costsByDepartment')} testId="mr-costs">
        {r.costsByDepartment.length ? (
          <table className="ff-list">
            <colgroup>
              <col />
              <col style={{ width: '28%' }} />
              <col style={{ width: '14%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('report.col.bearer')}</th>
                <th>{t('report.col.amount')}</th>
                <th>{t('report.col.share')}</th>
              </tr>
            </thead>
            <tbody>
              {r.costsByDepartment.map((c) => (
                <tr key={c.key}>
                  <td>{bearerLabel(t, c.key, c.label, departments)}</td>
                  <td className="ff-num">{yuan(c.amount, lang)}</td>
                  <td className="ff-num">{share(c.amount, r.costsByDepartment)}</td>
                </tr>
              ))}
              <tr className="ff-total">
                <th>{t('report.col.total')}</th>
                <td className="ff-num">{yuan(sum(r.costsByDepartment), lang)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        ) : (
          <div className="vr-none">{t('report.sheet.noCosts')}</div>
        )}
      </FlowSection>

      <FlowSection title={t('report.sheet.capa')} testId="mr-capa">
        {r.capa.length ? (
          <table className="ff-list">
            <colgroup>
              <col style={{ width: '18%' }} />
              <col />
              <col style={{ width: '16%' }} />
              <col style={{ width: '14%' }} />
              <col style={{ width: '10%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('report.col.capaNo')}</th>
                <th>{t('report.col.title')}</th>
                <th>{t('report.col.state')}</th>
                <th>{t('report.col.dueOn')}</th>
                <th>{t('report.col.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {r.capa.map((c) => (
                <tr key={c.capaNo} className={c.overdue ? 'mr-overdue' : undefined}>
                  <td>{c.capaNo}</td>
                  <td>{c.title}</td>
                  <td>{t([`capa.enum.state.${c.state}`, `report.capaState.${c.state}`], { defaultValue: c.state })}</td>
                  <td>{c.dueOn ?? ''}</td>
                  <td className="ff-c">{c.overdue ? t('report.col.yes') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="vr-none">{t('report.sheet.noCapa')}</div>
        )}
      </FlowSection>
    </article>
  );
}

/** A section whose table may run on to the next page (the feedback form's sections are kept whole). */
function FlowSection({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="ff-section mr-flow" data-testid={testId}>
      <h2 className="ff-section-title">{title}</h2>
      {children}
    </section>
  );
}

const sum = (rows: Array<{ amount: number }>) => rows.reduce((s, r) => s + r.amount, 0);
function share(amount: number, rows: Array<{ amount: number }>): string {
  const total = sum(rows);
  return total ? `${((amount / total) * 100).toFixed(1)}%` : '';
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
