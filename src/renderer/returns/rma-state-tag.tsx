import { Tag } from 'antd';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import type { RmaState } from '../../shared/service';
import type { ComplaintRow } from '../../shared/types';

/** A return's state in words and colour: waiting on someone in gold, under way in blue, over in green or grey, refused in red. */
const COLORS: Record<RmaState, string> = {
  requested: 'gold',
  approved: 'processing',
  shipped: 'processing',
  received: 'processing',
  inspected: 'cyan',
  closed: 'green',
  rejected: 'red',
};

export function RmaStateTag({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Tag color={COLORS[value as RmaState] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="rma-state-tag">
      {t(`returns.enum.state.${value}`, { defaultValue: value })}
    </Tag>
  );
}

/** The tracking table's "Return" column. */
export function RmaStateCell({ value }: CustomCellRendererProps<ComplaintRow, string>) {
  return <RmaStateTag value={value} />;
}
