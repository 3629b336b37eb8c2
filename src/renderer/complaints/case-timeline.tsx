import { Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ComplaintEvent } from '../../shared/types';
import { formatInstant } from '../common/format';
import { choiceLabel, isChoiceField } from './enum-labels';

/**
 * The case's history, from the same append-only events as the audit trail: who did what and when.
 * One save writes one event per changed field; they are shown together under one entry.
 */

function valueText(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('common.empty');
  if (isChoiceField(field)) return choiceLabel(t, field, String(v));
  if (field === 'receivedAt' || field === 'createdAt') return formatInstant(String(v));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

interface Entry {
  key: number;
  at: string;
  actorName: string;
  lines: string[];
  created: boolean;
}

function entries(t: TFunction, events: ComplaintEvent[]): Entry[] {
  const out: Entry[] = [];
  for (const e of events) {
    // The customer's name carries the change for people; the id beside it is for the audit trail.
    if (e.kind === 'field_changed' && e.field === 'customerId') continue;
    let line: string;
    if (e.kind === 'created') {
      const after = (e.after ?? {}) as { trackingNo?: unknown };
      line = t('timeline.created', { trackingNo: typeof after.trackingNo === 'string' ? after.trackingNo : '' });
    } else if (e.kind === 'field_changed' && e.field) {
      const label = t(`field.${e.field}`, { defaultValue: e.field });
      line = t('timeline.fieldChange', {
        field: label,
        before: valueText(t, e.field, e.before),
        after: valueText(t, e.field, e.after),
      });
    } else {
      line = t('timeline.other', { kind: e.kind });
    }
    const last = out[out.length - 1];
    if (last && !last.created && e.kind !== 'created' && last.at === e.at && last.actorName === e.actorName) {
      last.lines.push(line);
    } else {
      out.push({ key: e.id, at: e.at, actorName: e.actorName, lines: [line], created: e.kind === 'created' });
    }
  }
  return out;
}

export function CaseTimeline({ events }: { events: ComplaintEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      titleSpan={4}
      items={entries(t, events).map((e) => ({
        key: e.key,
        color: e.created ? 'green' : 'blue',
        title: formatInstant(e.at),
        content: (
          <div>
            <Typography.Text strong>{e.actorName}</Typography.Text>
            {e.lines.map((l, i) => (
              <div key={i}>{l}</div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
