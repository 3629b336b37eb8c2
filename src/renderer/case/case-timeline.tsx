import { Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ComplaintEvent } from '../../shared/types';
import { formatInstant } from '../common/format';
import { HIDDEN_FIELDS } from './timeline-keys';
import { eventLines, type Lookups } from './timeline-lines';

/**
 * The case's history, from the same append-only events as the audit trail: who did what and when.
 * One save writes one event per changed field; they are shown together under one entry.
 */

interface Entry {
  key: number;
  at: string;
  actorName: string;
  lines: string[];
  kind: string;
}

/** Kinds whose events of one save (or one scheduler pass) read as one entry. */
const GROUPED = new Set(['field_changed', 'escalation']);

function entries(t: TFunction, events: ComplaintEvent[], l: Lookups): Entry[] {
  const out: Entry[] = [];
  for (const e of events) {
    // The customer's name carries the change for people; the id beside it is for the audit trail.
    if (e.kind === 'field_changed' && HIDDEN_FIELDS.has(e.field ?? '')) continue;
    const lines = eventLines(t, e, l);
    const last = out[out.length - 1];
    if (last && last.kind === e.kind && GROUPED.has(e.kind) && last.at === e.at && last.actorName === e.actorName) {
      last.lines.push(...lines);
    } else {
      out.push({ key: e.id, at: e.at, actorName: e.actorName, lines, kind: e.kind });
    }
  }
  return out;
}

const COLORS: Record<string, string> = {
  created: 'green',
  transition: 'blue',
  verification: 'cyan',
  attachment_added: 'gray',
  // The rule engine's entries: what it decided on its own.
  escalation: 'red',
  sla_breach: 'red',
  warranty: 'orange',
  management_review: 'purple',
};

export function CaseTimeline({ events, lookups }: { events: ComplaintEvent[]; lookups: Lookups }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries(t, [...events].reverse(), lookups).map((e) => ({
        key: e.key,
        color: COLORS[e.kind] ?? 'gray',
        content: (
          <div className="case-timeline-entry">
            <div>
              <Typography.Text strong>{e.actorName}</Typography.Text>{' '}
              <Typography.Text type="secondary" className="case-byline">
                {formatInstant(e.at)}
              </Typography.Text>
            </div>
            {e.lines.map((l, i) => (
              <div key={i} className={e.kind === 'transition' && i === 0 ? 'case-timeline-step' : undefined}>
                {l}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
