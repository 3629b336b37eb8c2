import dayjs, { type Dayjs } from 'dayjs';
import type { MailDraft } from '../../shared/data-io';
import { LIMITS } from '../../shared/domain';
import type { IntakeValues } from '../complaints/intake-values';

/**
 * What the registration form takes from an imported e-mail: the sender as contact (and its
 * customer, when known or suggested), the channel, the received time, and the subject and text as
 * the description, cut to what a description holds (the whole message stays attached).
 */

export const MAIL_FILE = /\.(eml|msg)$/i;
export const isMailFileName = (name: string) => MAIL_FILE.test(name);

export function mailDescription(subject: string, text: string, limit: number = LIMITS.description): { description: string; trimmed: boolean } {
  const body = text.replace(/\r\n/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const whole = [subject.trim(), body].filter(Boolean).join('\n\n');
  if (whole.length <= limit) return { description: whole, trimmed: false };
  // Cut on a code point, never inside a surrogate pair, and mark the cut.
  const chars = Array.from(whole);
  return { description: `${chars.slice(0, limit - 1).join('').trimEnd()}…`, trimmed: true };
}

export function draftIntake(d: MailDraft, now: Dayjs = dayjs()): { values: IntakeValues; trimmed: boolean } {
  const { description, trimmed } = mailDescription(d.subject, d.text);
  const received = d.receivedAt ? dayjs(d.receivedAt) : now;
  return {
    trimmed,
    values: {
      receivedAt: received.isAfter(now) ? now : received,
      channel: 'email',
      ...(d.customer ? { customerId: d.customer.id } : {}),
      contactName: (d.contact?.name ?? d.from.name ?? '').slice(0, LIMITS.contactName),
      contactPhone: d.contact?.phone ?? '',
      contactEmail: (d.from.address ?? d.contact?.email ?? '').slice(0, LIMITS.email),
      description,
    },
  };
}
