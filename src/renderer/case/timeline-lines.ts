import type { TFunction } from 'i18next';
import type { ComplaintEvent, Department, UserProfile } from '../../shared/types';
import { formatInstant } from '../common/format';
import { choiceLabel, isChoiceField } from '../complaints/enum-labels';
import { clockLabel, levelLabel, minutesText, ruleName } from '../rules/labels';
import { escalationReasonText } from '../rules/reason-text';
import type { RuleReason } from '../../shared/schemas/rules-escalation';
import { formatBp, formatFen } from './amounts';
import { departmentName, kindLabel, payerLabel } from './labels';
import { reasonText } from './reasons';
import { fieldKey, INTAKE_FIELDS, kindKey } from './timeline-keys';
import { serviceLines } from './timeline-service';
import { formatSize } from './upload';

/**
 * One event of the audit trail in words. The events keep codes and ids (who, which option, which
 * department); here they become names in the person's language.
 */

export interface Lookups {
  profiles: readonly UserProfile[];
  departments: readonly Department[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function options(t: TFunction, v: unknown): string {
  if (!Array.isArray(v) || !v.length) return t('common.empty');
  return v
    .filter(isObj)
    .map((o, i) =>
      t('case.history.optionItem', {
        n: i + 1,
        kind: kindLabel(t, str(o.kind)),
        cost: formatFen(num(o.estimatedCost)),
        payer: payerLabel(t, str(o.payer)),
      }),
    )
    .join(t('case.history.join'));
}

function responsibility(t: TFunction, v: unknown, l: Lookups): string {
  if (!Array.isArray(v) || !v.length) return t('common.empty');
  return v
    .filter(isObj)
    .map((r) => {
      const who = [typeof r.departmentId === 'number' ? departmentName(t, l.departments, r.departmentId) : '', str(r.personName)]
        .filter(Boolean)
        .join(' · ');
      return `${who} ${formatBp(num(r.shareBp))}`;
    })
    .join(t('case.history.join'));
}

/** A lifecycle field's value in words. */
function lifecycleValue(t: TFunction, field: string, v: unknown, l: Lookups): string {
  if (v === null || v === undefined || v === '') return field === 'waitingCustomer' ? t('timeline.notWaiting') : t('common.empty');
  switch (field) {
    case 'classification':
      return t(`case.classification.${str(v)}`, { defaultValue: str(v) });
    case 'owner':
      return l.profiles.find((p) => p.id === v)?.name ?? `#${str(v)}`;
    case 'investigation.method':
      return t(`investigation.method.${str(v)}`, { defaultValue: str(v) });
    case 'investigation.whys':
      return Array.isArray(v) && v.length ? v.map(str).join(' / ') : t('common.empty');
    case 'options':
      return options(t, v);
    case 'responsibility':
      return responsibility(t, v, l);
    case 'agreement':
      if (!isObj(v)) return str(v);
      return [
        v.agreed ? t('treatment.agreement.yes') : t('treatment.agreement.no'),
        str(v.customerPerson),
        str(v.agreedOn),
        formatFen(num(v.amount)),
        str(v.note),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'acceptance':
      return isObj(v) ? [str(v.acceptedBy), str(v.acceptedOn), str(v.note)].filter(Boolean).join(' · ') : str(v);
    case 'escalation':
      if (!isObj(v)) return str(v);
      return v.escalated ? t('case.withNote', { label: t('case.escalation.on'), note: str(v.reason) }) : t('case.escalation.off');
    case 'dispute':
      if (!isObj(v)) return str(v);
      return [v.open ? t('case.dispute.on') : t('case.dispute.off'), str(v.note)].filter(Boolean).join(' · ');
    case 'customerPressure':
      if (!isObj(v)) return str(v);
      return v.pressure ? t('case.withNote', { label: t('escalation.pressure.flagged'), note: str(v.note) }) : t('timeline.noPressure');
    case 'waitingCustomer':
      return t('timeline.waitingSince', { at: formatInstant(str(v)) });
    case 'warrantyExclusions':
    case 'warrantySuspensions': {
      if (!Array.isArray(v) || !v.length) return t('common.empty');
      const group = field === 'warrantyExclusions' ? 'exclusion' : 'suspension';
      return v.map((c) => t(`warranty.${group}.${str(c)}`, { defaultValue: str(c) })).join(t('case.history.join'));
    }
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

const SUMMARY_FIELDS = new Set(['options', 'responsibility', 'agreement', 'acceptance']);

function fieldLines(t: TFunction, e: ComplaintEvent, l: Lookups): string[] {
  const field = e.field ?? '';
  if (INTAKE_FIELDS.has(field)) {
    const v = (x: unknown) =>
      x === null || x === undefined || x === ''
        ? t('common.empty')
        : isChoiceField(field)
          ? choiceLabel(t, field, str(x))
          : field === 'receivedAt'
            ? formatInstant(str(x))
            : str(x);
    return [t('timeline.fieldChange', { field: t(fieldKey(field)), before: v(e.before), after: v(e.after) })];
  }
  const label = t(fieldKey(field), { defaultValue: field });
  // Lists and records read better as what they became than as before → after.
  if (SUMMARY_FIELDS.has(field)) return [t('case.history.set', { field: label, value: lifecycleValue(t, field, e.after, l) })];
  return [
    t('timeline.fieldChange', { field: label, before: lifecycleValue(t, field, e.before, l), after: lifecycleValue(t, field, e.after, l) }),
  ];
}

function transitionLines(t: TFunction, e: ComplaintEvent): string[] {
  const after = isObj(e.after) ? e.after : {};
  const action = str(e.field);
  const lines = [
    t('case.history.transition', {
      action: t(`workflow.action.${action}`, { defaultValue: action }),
      before: t(`enum.state.${str(e.before)}`, { defaultValue: str(e.before) }),
      after: t(`enum.state.${str(after.state)}`, { defaultValue: str(after.state) }),
    }),
  ];
  if (typeof after.option === 'number') lines.push(t('case.history.option', { n: after.option + 1 }));
  if (after.reason) {
    const key = action === 'decide' || action === 'chairman_decide' ? 'case.history.decisionReason' : 'case.history.reason';
    lines.push(t(key, { reason: str(after.reason) }));
  }
  // The step records the code only: its own words here, without the parameters the blocker had.
  if (after.why) lines.push(t(`case.history.why.${str(after.why)}`, { defaultValue: reasonText(t, { code: str(after.why), message: str(after.why) }) }));
  return lines;
}

/** A firing as engine-apply.ts records it in an `escalation` event. */
function firingOf(t: TFunction, v: unknown) {
  if (!isObj(v)) return null;
  return {
    name: ruleName(t, 'escalation', str(v.rule), str(v.name)),
    version: num(v.version),
    level: str(v.level),
    reason: { code: str(v.code), message: str(v.reason), params: isObj(v.params) ? v.params : {} } as RuleReason,
  };
}
function escalationLines(t: TFunction, e: ComplaintEvent): string[] {
  const before = firingOf(t, e.before);
  const after = firingOf(t, e.after);
  if (!after) return before ? [t('timeline.escalation.lifted', { name: before.name, version: before.version })] : [];
  const words = { name: after.name, version: after.version, level: levelLabel(t, after.level) };
  return [
    before ? t('timeline.escalation.revised', { ...words, from: before.version }) : t('timeline.escalation.fired', words),
    escalationReasonText(t, after.reason),
  ];
}

/** The rule engine's events, and the office's that have a sentence of their own. */
function engineLines(t: TFunction, e: ComplaintEvent): string[] | null {
  const before = isObj(e.before) ? e.before : {};
  const after = isObj(e.after) ? e.after : {};
  const status = (v: unknown) => (v ? t(`warranty.status.${str(v)}`, { defaultValue: str(v) }) : t('common.empty'));
  switch (e.kind) {
    case 'warranty':
      return [
        t('timeline.warranty', { before: status(before.status), after: status(after.status) }),
        ...(after.policyVersion ? [t('warranty.policyVersion', { version: num(after.policyVersion) })] : []),
      ];
    case 'sla_breach':
      return [
        t('timeline.slaBreach', {
          clock: clockLabel(t, str(after.clock ?? e.field)),
          due: formatInstant(str(after.due)),
          target: minutesText(t, num(after.targetMinutes)),
        }),
      ];
    case 'escalation':
      return escalationLines(t, e);
    case 'management_review':
      return [after.note ? t('timeline.reviewedNote', { note: str(after.note) }) : t('timeline.reviewed')];
    case 'rule_saved': {
      const [kind = '', key = ''] = str(e.field).split(':');
      return [t('timeline.ruleSaved', { kind: t(`rules.kind.${kind}`, { defaultValue: kind }), key, version: num(after.version) })];
    }
    case 'calendar_changed':
      return [t(e.after ? 'timeline.calendarSet' : 'timeline.calendarRemoved', { date: str(e.field) })];
    case 'capa_link': {
      const capa = isObj(e.after) ? e.after : before;
      return [t(e.after ? 'timeline.capaLinked' : 'timeline.capaUnlinked', { capaNo: str(capa.capaNo), title: str(capa.title) })];
    }
    case 'imported':
      return [t('timeline.imported', { file: str(after.file), sheet: str(after.sheet), row: num(after.row), trackingNo: str(after.trackingNo) })];
    default:
      return null;
  }
}

export function eventLines(t: TFunction, e: ComplaintEvent, l: Lookups): string[] {
  const after = isObj(e.after) ? e.after : {};
  switch (e.kind) {
    case 'created':
      return [t('timeline.created', { trackingNo: str(after.trackingNo) })];
    case 'transition':
      return transitionLines(t, e);
    case 'field_changed':
      return fieldLines(t, e, l);
    case 'verification':
      return [
        t('case.history.verification', {
          channel: t(`verification.channels.${str(after.channel)}`, { defaultValue: str(after.channel) }),
          contact: str(after.contactName),
          resolved: after.resolved ? t('verification.yes') : t('verification.no'),
          satisfaction: num(after.satisfaction),
        }),
        ...(after.note ? [str(after.note)] : []),
      ];
    case 'attachment_added':
      return [
        t('case.history.attachment', {
          name: str(after.name),
          size: formatSize(num(after.size)),
          purpose: t(`attachment.purpose.${str(after.purpose)}`, { defaultValue: str(after.purpose) }),
        }),
      ];
    default:
      // Kinds without their own sentence (the parts of service work among them) are named by the catalogue.
      return (
        engineLines(t, e) ??
        serviceLines(t, e) ?? [
          t('timeline.other', { kind: t(kindKey(e.kind), { defaultValue: e.kind }) }),
        ]
      );
  }
}
