import { InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A target in business time, as hours and minutes (the rule keeps minutes). Both empty: no target
 * for this clock (e.g. no on-site promise for minor defects).
 */
export function DurationInput({
  value,
  onChange,
  disabled,
  id,
  dayMinutes = 480,
}: {
  value: number | null;
  onChange(v: number | null): void;
  disabled?: boolean;
  id?: string;
  /** Business minutes in a working day (the calendar's hours), to say "= 3 working days". */
  dayMinutes?: number;
}) {
  const { t } = useTranslation();
  const h = value === null ? null : Math.floor(value / 60);
  const m = value === null ? null : value % 60;
  const set = (hours: number | null, minutes: number | null) => {
    if (hours === null && minutes === null) return onChange(null);
    onChange((hours ?? 0) * 60 + (minutes ?? 0));
  };
  return (
    <span id={id} className="duration-input">
      <Space.Compact size="small">
        <InputNumber<number>
          style={{ width: 84 }}
          min={0}
          max={16000}
          precision={0}
          disabled={disabled}
          value={h}
          placeholder="—"
          suffix={t('sla.unit.h')}
          aria-label={t('sla.unit.hours')}
          onChange={(v) => set(v, m)}
        />
        <InputNumber<number>
          style={{ width: 80 }}
          min={0}
          max={59}
          precision={0}
          disabled={disabled}
          value={m}
          placeholder="—"
          suffix={t('sla.unit.min')}
          aria-label={t('sla.unit.minutes')}
          onChange={(v) => set(h, v)}
        />
      </Space.Compact>
      {value !== null && value >= dayMinutes && (
        <span className="duration-days">{t('sla.workingDays', { days: Math.round((value / dayMinutes) * 10) / 10 })}</span>
      )}
    </span>
  );
}
