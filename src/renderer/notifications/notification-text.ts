import type { TFunction } from 'i18next';
import type { NotificationItem } from '../../shared/engine';
import type { RuleReason } from '../../shared/schemas/rules-escalation';
import { levelLabel, roleLabel, ruleName } from '../rules/labels';
import { i18n } from '../i18n';
import { paths } from '../shell/router';
import { escalationReasonText, routingReasonText } from '../rules/reason-text';

/**
 * A notification in words. The payload is what main recorded when it was sent (for an escalation:
 * the rule, its version, the level and the reason; for a routed case: the team and the reasons), read
 * defensively since old notifications outlive changes to the payload.
 */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isReason = (v: unknown): v is RuleReason =>
  typeof v === 'object' && v !== null && typeof (v as RuleReason).code === 'string' && typeof (v as RuleReason).message === 'string';

export interface NotificationWords {
  title: string;
  reason: string;
  level: string | null;
}

export function notificationWords(t: TFunction, n: NotificationItem): NotificationWords {
  const p = n.payload;
  if (n.kind === 'escalation') {
    const id = str(p.ruleId) ?? '';
    const name = ruleName(t, 'escalation', id, str(p.ruleName) ?? id);
    const level = str(p.level);
    return {
      title: t('notifications.escalated', {
        rule: name,
        version: typeof p.ruleVersion === 'number' ? p.ruleVersion : '?',
        level: level ? levelLabel(t, level) : '',
      }),
      reason: isReason(p.reason) ? escalationReasonText(t, p.reason) : '',
      level,
    };
  }
  if (n.kind === 'routed') {
    const reasons = Array.isArray(p.reasons) ? p.reasons.filter(isReason) : [];
    return {
      title: t('notifications.routed', { team: roleLabel(t, str(p.team) ?? '') }),
      reason: reasons.map((r) => routingReasonText(t, r)).join(t('notifications.reasonJoin')),
      level: null,
    };
  }
  if (n.kind === 'capa_overdue') {
    return {
      title: t('notices.capaOverdue', { capaNo: str(p.capaNo) ?? '', title: str(p.title) ?? '' }),
      reason: str(p.dueOn) ? t('notices.capaDue', { dueOn: str(p.dueOn) }) : '',
      level: null,
    };
  }
  if (n.kind === 'report_failed') {
    return {
      title: t('report.mail.notice.title', { month: str(p.month) ?? '' }),
      reason: [t('report.mail.notice.reason'), str(p.error) ? t(`report.mail.error.${str(p.error)}`, { defaultValue: str(p.error) ?? '' }) : '']
        .filter(Boolean)
        .join(' '),
      level: null,
    };
  }
  if (n.kind === 'backup_failed') {
    return {
      title: t('backup.notice.title'),
      reason: [t('backup.notice.reason'), str(p.error) ?? ''].filter(Boolean).join(' '),
      level: null,
    };
  }
  return { title: t('notifications.other'), reason: '', level: null };
}

/**
 * Where a notification leads when clicked, with the words of its link: the case for a case's; the
 * corrective action with its drawer open for an overdue CAPA (`#/capa?id=<id>`). Null when it leads
 * nowhere (or an old payload lacks the id).
 */
export function notificationTarget(n: NotificationItem): { label: string; hash: string; kind: 'case' | 'capa' | 'backup' } | null {
  if (n.complaintId !== null && n.trackingNo) return { label: n.trackingNo, hash: paths.case(n.complaintId), kind: 'case' };
  if (n.kind === 'capa_overdue' && typeof n.payload.capaId === 'number' && Number.isInteger(n.payload.capaId)) {
    return { label: str(n.payload.capaNo) ?? `#${n.payload.capaId}`, hash: `${paths.capa}?id=${n.payload.capaId}`, kind: 'capa' };
  }
  if (n.kind === 'backup_failed') return { label: i18n.t('backup.nav'), hash: paths.backup, kind: 'backup' };
  return null;
}
