import { useEffect, useState } from 'react';
import type { CostLineDetail } from '../../shared/costs';
import type { CaseFile } from '../../shared/types';
import { call } from '../api/client';
import { summariseCosts, type SummaryRow } from '../costs/summary';
import { Grid, Pairs, Section, Wide, type FormT } from './form-parts';
import { formatMoney } from './money';

/**
 * Section 11: the case's service costs in short (issue 6; seed 002 §5.3, §8) — approved by Finance
 * and still waiting, by cost type and by who pays, in the base currency. Rejected lines do not
 * count; a reversal nets its line to zero. A case without cost lines has no such section.
 */

type Line = Pick<CostLineDetail, 'costType' | 'payer' | 'state' | 'baseAmount'>;

/** The lines given, or (when the page did not load them) the case's lines loaded here. */
function useLines(file: CaseFile, given: Line[] | undefined): Line[] | null {
  const [loaded, setLoaded] = useState<Line[] | null>(null);
  useEffect(() => {
    if (given) return;
    let live = true;
    call('costs.caseDetail', { id: file.id }).then(
      (l) => live && setLoaded(l),
      () => live && setLoaded([]),
    );
    return () => {
      live = false;
    };
  }, [file.id, file.version, given]);
  return given ?? loaded;
}

export function CostsSection({ file, t, currency, lines: given }: { file: CaseFile; t: FormT; currency: string; lines?: Line[] }) {
  const lines = useLines(file, given);
  // Nothing to sum (or not loaded yet): the form stays as it was, within its two pages.
  if (!lines?.length) return null;
  const s = summariseCosts(lines);
  const money = (fen: number) => formatMoney(fen, currency);
  const typeName = (k: string) => t([`costs.enum.costType.${k}`, `costsUi.enum.costType.${k}`]);
  const payerName = (k: string) => t([`costs.enum.payer.${k}`, `costsUi.enum.payer.${k}`]);
  // Two rows, to keep the form on two sheets: the totals with their types, then who pays what.
  const byType = (pick: (r: SummaryRow<string>) => number) =>
    s.byType
      .filter((r) => pick(r) !== 0)
      .map((r) => `${typeName(r.key)} ${money(pick(r))}`)
      .join(t('costsUi.form.sep'));
  const total = (fen: number, parts: string, testId?: string) => (
    <>
      <strong data-testid={testId}>{money(fen)}</strong>
      {parts && t('costsUi.form.parts', { parts })}
    </>
  );
  const payers = s.byPayer
    .map((r) =>
      r.pending
        ? t('costsUi.form.payerPending', { payer: payerName(r.key), approved: money(r.approved), pending: money(r.pending) })
        : t('costsUi.form.payerApproved', { payer: payerName(r.key), approved: money(r.approved) }),
    )
    .join(t('costsUi.form.sep'));
  return (
    <Section title={t('costsUi.form.title')} testId="ff-costs">
      <Grid>
        <Pairs
          a={[
            t('costsUi.form.approved'),
            total(
              s.approved,
              byType((r) => r.approved),
              'ff-costs-approved',
            ),
          ]}
          b={[
            t('costsUi.form.pending'),
            total(
              s.pending,
              byType((r) => r.pending),
            ),
          ]}
        />
        <Wide
          label={t('costsUi.form.payer')}
          value={s.rejectedCount > 0 ? `${payers}${t('costsUi.form.end')}${t('costsUi.form.rejected', { count: s.rejectedCount })}` : payers}
          lines={1}
        />
      </Grid>
    </Section>
  );
}
