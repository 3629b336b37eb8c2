import { CLASSIFICATIONS, SEVERITIES } from '../../shared/domain';
import type { CaseFile } from '../../shared/types';
import { formatDate, formatInstant } from '../common/format';
import { Choices, Grid, Pairs, Section, Wide, type FormT } from './form-parts';

/** Sections 1 and 2: what the customer reported (seed 002 §5.1), and how the case is classified and followed up. */

export function IntakeSection({ file, t }: { file: CaseFile; t: FormT }) {
  return (
    <Section title={t('form.section.intake')} testId="ff-intake">
      <Grid>
        <Pairs a={[t('form.field.receivedAt'), formatInstant(file.receivedAt)]} b={[t('form.field.channel'), t(`enum.channel.${file.channel}`)]} />
        <Pairs a={[t('form.field.customer'), file.customerName]} />
        <Pairs a={[t('form.field.contact'), file.contactName]} b={[t('form.field.phone'), file.contactPhone]} />
        <Pairs a={[t('form.field.email'), file.contactEmail]} b={[t('form.field.deliveryDate'), formatDate(file.deliveryDate)]} />
        <Pairs a={[t('form.field.productModel'), file.productModel]} b={[t('form.field.serialNo'), file.serialNo]} />
        <Pairs
          a={[t('form.field.defectCategory'), t(`enum.defectCategory.${file.defectCategory}`)]}
          b={[
            t('form.field.severity'),
            <Choices key="s" values={SEVERITIES} value={file.severity} label={(v) => t(`enum.severity.${v}`)} />,
          ]}
        />
        <Wide label={t('form.field.description')} value={file.description} lines={3} />
      </Grid>
    </Section>
  );
}

export function ClassificationSection({ file, t }: { file: CaseFile; t: FormT }) {
  const yesNo = (on: boolean) => (
    <Choices values={['yes', 'no'] as const} value={on ? 'yes' : 'no'} label={(v) => t(`form.value.${v}`)} />
  );
  const withNote = (on: boolean, note: string | null) => (
    <span className="ff-inline">
      {yesNo(on)}
      {note && <span className="ff-text">{note}</span>}
    </span>
  );
  return (
    <Section title={t('form.section.classification')} testId="ff-classification">
      <Grid>
        <Pairs
          a={[
            t('form.field.classification'),
            <Choices key="c" values={CLASSIFICATIONS} value={file.classification} label={(v) => t(`form.classification.${v}`)} />,
          ]}
          b={[t('form.field.owner'), file.ownerName]}
        />
        <Pairs a={[t('form.field.escalation'), withNote(file.escalated, file.escalationReason)]} />
        <Pairs a={[t('form.field.dispute'), withNote(file.disputeOpen, file.disputeNote)]} />
        {file.rejectionReason && <Wide label={t('form.field.rejection')} value={file.rejectionReason} />}
      </Grid>
    </Section>
  );
}
