import { departmentCode } from '../../shared/departments';
import type { CaseFile, Responsibility } from '../../shared/types';
import { formatDate, formatInstant } from '../common/format';
import { byOn, Choices, Grid, padRows, Pairs, Section, Wide, type FormT } from './form-parts';
import { formatMoney, formatShare, formatSize } from './money';

/**
 * Sections 6–10 and the signatures: the customer's agreement to costs (seed 002 §5.2), responsibility
 * with shares (§5.3), the customer's acceptance and the verification by phone or e-mail (seed 001),
 * the attachments, and the boxes the people sign by hand.
 */

export function AgreementSection({ file, t, currency }: { file: CaseFile; t: FormT; currency: string }) {
  const a = file.agreement;
  return (
    <Section title={t('form.section.agreement')} testId="ff-agreement">
      <Grid>
        <Pairs
          a={[
            t('form.field.agreed'),
            <Choices key="a" values={['agreed', 'declined'] as const} value={a ? (a.agreed ? 'agreed' : 'declined') : null} label={(v) => t(`form.value.${v}`)} />,
          ]}
          b={[t('form.field.amount'), a ? formatMoney(a.amount, currency) : null]}
        />
        <Pairs a={[t('form.field.customerPerson'), a?.customerPerson]} b={[t('form.field.agreedOn'), formatDate(a?.agreedOn)]} />
        <Wide label={t('form.field.note')} value={a?.note} lines={1} />
        <Pairs a={[t('form.field.recordedBy'), a ? byOn(a.recordedBy, formatInstant(a.recordedAt)) : null]} />
      </Grid>
    </Section>
  );
}

function departmentName(r: Responsibility, t: FormT): string | null {
  if (r.departmentName === null) return null;
  const code = r.departmentCode ? departmentCode({ code: r.departmentCode, name: r.departmentName }) : null;
  return code ? t(`department.${code}`, { defaultValue: r.departmentName }) : r.departmentName;
}

export function ResponsibilitySection({ file, t }: { file: CaseFile; t: FormT }) {
  const total = file.responsibilities.reduce((s, r) => s + r.shareBp, 0);
  return (
    <Section title={t('form.section.responsibility')} testId="ff-responsibility">
      <table className="ff-list">
        <colgroup>
          <col style={{ width: '28%' }} />
          <col style={{ width: '22%' }} />
          <col style={{ width: '12%' }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>{t('form.field.department')}</th>
            <th>{t('form.field.person')}</th>
            <th>{t('form.field.share')}</th>
            <th>{t('form.field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {padRows(file.responsibilities, 3).map((r, i) => (
            <tr key={i}>
              <td>{r && departmentName(r, t)}</td>
              <td>{r?.personName}</td>
              <td className="ff-num">{r && formatShare(r.shareBp)}</td>
              <td className="ff-text">{r?.note}</td>
            </tr>
          ))}
          <tr className="ff-total">
            <th colSpan={2}>{t('form.field.total')}</th>
            <td className="ff-num">{file.responsibilities.length ? formatShare(total) : null}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

export function AcceptanceSection({ file, t }: { file: CaseFile; t: FormT }) {
  const a = file.acceptance;
  const receipt = a?.receiptAttachmentId ? file.attachments.find((x) => x.id === a.receiptAttachmentId)?.name : null;
  return (
    <Section title={t('form.section.acceptance')} testId="ff-acceptance">
      <Grid>
        <Pairs a={[t('form.field.acceptedBy'), a?.acceptedBy]} b={[t('form.field.acceptedOn'), formatDate(a?.acceptedOn)]} />
        <Wide label={t('form.field.note')} value={a?.note} lines={1} />
        <Pairs
          a={[t('form.purpose.receipt'), receipt]}
          b={[t('form.field.recordedBy'), a ? byOn(a.recordedBy, formatInstant(a.recordedAt)) : null]}
        />
      </Grid>
    </Section>
  );
}

export function VerificationSection({ file, t }: { file: CaseFile; t: FormT }) {
  return (
    <Section title={t('form.section.verification')} testId="ff-verification">
      <table className="ff-list">
        <colgroup>
          <col style={{ width: '10%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '13%' }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>{t('form.field.verifyChannel')}</th>
            <th>{t('form.field.verifyContact')}</th>
            <th>{t('form.field.verifiedAt')}</th>
            <th>{t('form.field.resolved')}</th>
            <th>{t('form.field.satisfaction')}</th>
            <th>{t('form.field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {padRows(file.verifications, 2).map((v, i) => (
            <tr key={i}>
              <td>{v && t(`form.verifyChannel.${v.channel}`)}</td>
              <td>{v?.contactName}</td>
              <td>{v && formatInstant(v.verifiedAt)}</td>
              <td className="ff-c">{v && t(v.resolved ? 'form.value.yes' : 'form.value.no')}</td>
              <td className="ff-c">{v && t('form.value.satisfaction', { n: v.satisfaction })}</td>
              <td className="ff-text">{v?.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function AttachmentsSection({ file, t }: { file: CaseFile; t: FormT }) {
  return (
    <Section title={t('form.section.attachments')} testId="ff-attachments">
      <table className="ff-list">
        <colgroup>
          <col />
          <col style={{ width: '14%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '30%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('form.field.fileName')}</th>
            <th>{t('form.field.purpose')}</th>
            <th>{t('form.field.size')}</th>
            <th>{t('form.field.uploaded')}</th>
          </tr>
        </thead>
        <tbody>
          {padRows(file.attachments, 1).map((a, i) => (
            <tr key={i}>
              <td className="ff-text">{a?.name}</td>
              <td>{a && t(`form.purpose.${a.purpose}`, { defaultValue: a.purpose })}</td>
              <td className="ff-num">{a && formatSize(a.size)}</td>
              <td>{a && byOn(a.uploadedBy, formatInstant(a.uploadedAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const SIGNERS = ['customer', 'sales', 'production', 'manager'] as const;

export function Signatures({ t }: { t: FormT }) {
  return (
    <Section title={t('form.section.signatures')} testId="ff-signatures">
      <div className="ff-signs">
        {SIGNERS.map((s) => (
          <div key={s} className="ff-sign">
            <div className="ff-sign-label">{t(`form.sign.${s}`)}</div>
            <div className="ff-sign-space" />
            <div className="ff-sign-date">{t('form.sign.date')}</div>
          </div>
        ))}
      </div>
    </Section>
  );
}
