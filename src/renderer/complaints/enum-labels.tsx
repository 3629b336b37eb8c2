import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CHANNELS, COMPLAINT_STATES, DEFECT_CATEGORIES, SEVERITIES, type ComplaintState, type Severity } from '../../shared/domain';

/** The choice lists of a complaint, their screen words and colours. */

export const CHOICES = {
  channel: CHANNELS,
  severity: SEVERITIES,
  defectCategory: DEFECT_CATEGORIES,
  state: COMPLAINT_STATES,
} as const;
export type ChoiceField = keyof typeof CHOICES;

export function isChoiceField(field: string): field is ChoiceField {
  return Object.prototype.hasOwnProperty.call(CHOICES, field);
}

export function choiceLabel(t: TFunction, field: ChoiceField, code: string): string {
  return t(`enum.${field}.${code}`, { defaultValue: code });
}

export function choiceOptions(t: TFunction, field: ChoiceField) {
  return CHOICES[field].map((value) => ({ value, label: choiceLabel(t, field, value) }));
}

const SEVERITY_COLORS: Record<Severity, string> = {
  minor: 'default',
  normal: 'blue',
  major: 'orange',
  safety: 'red',
};

export function SeverityTag({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  const color = SEVERITY_COLORS[value as Severity] ?? 'default';
  return (
    <Tag color={color} variant="filled" style={{ marginInlineEnd: 0 }}>
      {choiceLabel(t, 'severity', value)}
    </Tag>
  );
}

/** Open cases in blue, waiting on a decision in gold, finished in green or grey, refused in red. */
const STATE_COLORS: Partial<Record<ComplaintState, string>> = {
  awaiting_decision: 'gold',
  awaiting_chairman: 'gold',
  verified: 'green',
  closed: 'default',
  rejected: 'red',
};

export function StateTag({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Tag color={STATE_COLORS[value as ComplaintState] ?? 'processing'} style={{ marginInlineEnd: 0 }}>
      {choiceLabel(t, 'state', value)}
    </Tag>
  );
}
