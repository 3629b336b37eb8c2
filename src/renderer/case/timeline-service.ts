import type { TFunction } from 'i18next';
import type { ComplaintEvent } from '../../shared/types';
import { formatInstant } from '../common/format';
import { formatFen } from './amounts';

/**
 * Service work (issue 5) and costs (issue 6) on the timeline: which visit, part, return, contract or
 * cost line, and what became of it — not only the name of the section. Null for other kinds.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const when = (v: unknown) => (typeof v === 'string' && v ? formatInstant(v) : '');

function costList(t: TFunction, v: unknown): string {
  if (!Array.isArray(v) || !v.length) return t('timelineService.none');
  return v
    .filter(isObj)
    .map((c) => `${t(`costs.enum.costType.${str(c.costType)}`, { defaultValue: str(c.costType) })} ${formatFen(num(c.amount))}`)
    .join(t('timelineService.join'));
}

function serviceAction(t: TFunction, before: Obj | null, after: Obj): string[] {
  const mode = t(`visits.enum.mode.${str(after.mode)}`, { defaultValue: str(after.mode) });
  const state = t(`visits.enum.state.${str(after.state)}`, { defaultValue: str(after.state) });
  const lines = [
    t(before ? (before.state !== after.state ? 'timelineService.actionState' : 'timelineService.actionChanged') : 'timelineService.actionNew', {
      mode,
      state,
      summary: str(after.summary),
    }),
  ];
  const engineers = Array.isArray(after.engineers) ? after.engineers.map(str).filter(Boolean) : [];
  if (after.actualStart) lines.push(t('timelineService.actual', { start: when(after.actualStart), end: when(after.actualEnd) }));
  else if (after.plannedStart) lines.push(t('timelineService.planned', { start: when(after.plannedStart), end: when(after.plannedEnd) }));
  if (engineers.length) lines.push(t('timelineService.engineers', { names: engineers.join(t('timelineService.join')) }));
  if (after.result) lines.push(t('timelineService.result', { result: t(`visits.enum.result.${str(after.result)}`, { defaultValue: str(after.result) }) }));
  return lines;
}

export function serviceLines(t: TFunction, e: ComplaintEvent): string[] | null {
  const after = isObj(e.after) ? e.after : {};
  const before = isObj(e.before) ? e.before : null;
  switch (e.kind) {
    case 'service_action':
      return serviceAction(t, before, after);
    case 'on_site':
      return [e.after ? t('timelineService.onSite', { at: when(e.after) }) : t('timelineService.onSiteCleared')];
    case 'rma': {
      const lines = [
        t('timelineService.rma', {
          step: t(`returns.action.${str(e.field)}`, { defaultValue: str(e.field) }),
          no: str(after.rmaNo) || t('returns.noNumber'),
          state: t(`returns.enum.state.${str(after.state)}`, { defaultValue: str(after.state) }),
        }),
      ];
      if (after.disposition) lines.push(t(`returns.enum.disposition.${str(after.disposition)}`, { defaultValue: str(after.disposition) }));
      if (typeof after.refundAmount === 'number') lines.push(t('timelineService.refund', { amount: formatFen(after.refundAmount) }));
      return lines;
    }
    case 'case_part': {
      const usage = t(`parts.usage.${str(after.usage)}`, { defaultValue: str(after.usage) });
      if (after.cancelled) return [t('timelineService.partCancelled', { partNo: str(after.partNo), usage, quantity: num(after.quantity) }), ...(after.note ? [str(after.note)] : [])];
      const lines = [t('timelineService.part', { partNo: str(after.partNo), usage, quantity: num(after.quantity) })];
      if (after.faultySerial || after.replacementSerial) {
        lines.push(t('timelineService.serials', { faulty: str(after.faultySerial) || '—', replacement: str(after.replacementSerial) || '—' }));
      }
      return lines;
    }
    case 'stock_override':
      return [t('timelineService.stockOverride', { field: str(e.field) }), ...(after.reason ? [str(after.reason)] : after.note ? [str(after.note)] : [])];
    case 'service_contract':
      return [
        t('timelineService.contract', {
          step: t(`contracts.action.${str(e.field)}`, { defaultValue: e.field === 'quote' ? t('contracts.quoted') : str(e.field) }),
          no: str(after.contractNo),
          state: t(`contracts.state.${str(after.state)}`, { defaultValue: str(after.state) }),
        }),
      ];
    case 'cost_lines':
      return [t('timelineService.costLines', { before: costList(t, e.before), after: costList(t, e.after) })];
    case 'cost_line':
      return [
        t('timelineService.costLine', {
          step: t(`timelineService.costStep.${str(e.field)}`, { defaultValue: str(e.field) }),
          type: t(`costs.enum.costType.${str(after.costType ?? before?.costType)}`, { defaultValue: str(after.costType ?? before?.costType) }),
          amount: formatFen(num(after.baseAmount ?? before?.baseAmount)),
        }),
      ];
    case 'capa_link': {
      const c = e.field === 'unlink' ? (before ?? {}) : after;
      return [t(e.field === 'unlink' ? 'timelineService.capaUnlinked' : 'timelineService.capaLinked', { capaNo: str(c.capaNo), title: str(c.title) })];
    }
    default:
      return null;
  }
}
