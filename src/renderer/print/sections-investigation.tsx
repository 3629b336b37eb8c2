import type { CaseFile } from '../../shared/types';
import { formatInstant } from '../common/format';
import { byOn, Check, Choices, Grid, Pairs, padRows, Section, Wide, type FormT } from './form-parts';
import { formatMoney } from './money';

/** Sections 3–5: the cause and countermeasures (seed 002 §5.3), the treatment options with their costs, and the decision. */

const METHODS = ['five_why', '8d', 'free'] as const;

export function InvestigationSection({ file, t }: { file: CaseFile; t: FormT }) {
  const inv = file.investigation;
  return (
    <Section title={t('form.section.investigation')} testId="ff-investigation">
      <Grid>
        <Pairs
          a={[t('form.field.method'), <Choices key="m" values={METHODS} value={inv?.method ?? null} label={(v) => t(`form.method.${v}`)} />]}
          b={[t('form.field.analysedBy'), inv ? byOn(inv.updatedBy, formatInstant(inv.updatedAt)) : null]}
        />
        <Wide label={t('form.field.cause')} value={inv?.cause} lines={3} />
        <Wide label={t('form.field.countermeasures')} value={inv?.countermeasures} lines={3} />
        {inv?.method === 'five_why' &&
          padRows(inv.whys, 5).map((w, i) => <Wide key={i} label={t('form.field.why', { n: i + 1 })} value={w} lines={1} />)}
        {inv?.method === '8d' && (
          <>
            <Wide label={t('form.field.containment')} value={inv.containment} />
            <Wide label={t('form.field.rootCauseVerified')} value={inv.rootCauseVerified} />
            <Wide label={t('form.field.permanentAction')} value={inv.permanentAction} />
            <Wide label={t('form.field.prevention')} value={inv.prevention} />
          </>
        )}
        <Wide label={t('form.field.technicalSupport')} value={inv?.technicalSupport} lines={1} />
      </Grid>
    </Section>
  );
}

export function OptionsSection({ file, t }: { file: CaseFile; t: FormT }) {
  return (
    <Section title={t('form.section.options')} testId="ff-options">
      <table className="ff-list">
        <colgroup>
          <col style={{ width: '6%' }} />
          <col style={{ width: '17%' }} />
          <col />
          <col style={{ width: '16%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '10%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('form.field.no')}</th>
            <th>{t('form.field.kind')}</th>
            <th>{t('form.field.optionDescription')}</th>
            <th>{t('form.field.cost')}</th>
            <th>{t('form.field.payer')}</th>
            <th>{t('form.field.chosen')}</th>
          </tr>
        </thead>
        <tbody>
          {padRows(file.options, 3).map((o, i) => (
            <tr key={i}>
              <td className="ff-c">{i + 1}</td>
              <td>{o && t(`form.treatment.${o.kind}`)}</td>
              <td className="ff-text">{o?.description}</td>
              <td className="ff-num">{o && formatMoney(o.estimatedCost, o.currency)}</td>
              <td>{o && t(`form.payer.${o.payer}`)}</td>
              <td className="ff-c">{o && <Check on={file.chosenOption === i} label="" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function DecisionSection({ file, t }: { file: CaseFile; t: FormT }) {
  const chosen = file.chosenOption === null ? undefined : file.options[file.chosenOption];
  const chosenText = chosen
    ? `${t('form.value.optionNo', { n: (file.chosenOption ?? 0) + 1 })} · ${t(`form.treatment.${chosen.kind}`)} · ${formatMoney(chosen.estimatedCost, chosen.currency)}`
    : null;
  return (
    <Section title={t('form.section.decision')} testId="ff-decision">
      <Grid>
        <Pairs a={[t('form.field.chosenOption'), chosenText]} />
        <Wide label={t('form.field.salesManager')} value={file.decisionNote} />
        <Pairs a={[t('form.field.decidedBy'), byOn(file.decidedBy, formatInstant(file.decidedAt))]} />
        <Wide label={t('form.field.chairman')} value={file.chairmanNote} />
        <Pairs a={[t('form.field.decidedBy'), byOn(file.chairmanBy, formatInstant(file.chairmanAt))]} />
      </Grid>
    </Section>
  );
}
