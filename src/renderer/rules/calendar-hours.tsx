import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Skeleton, Space, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PolicyFrame, type PolicyDoc } from './policy-doc';

/**
 * Working hours (the same on every working day, adjusted working days included) and the weekend
 * days: the calendar document, saved as a new version like the other rules.
 */

const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** 2004, 2005, …, 2026, 2028 → "2004–2026", "2028". */
export function yearRanges(years: readonly number[]): string[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out;
}

export function CalendarHours({ policy }: { policy: PolicyDoc<'calendar'> }) {
  const { t } = useTranslation();
  const { draft } = policy;
  if (!draft) return <Skeleton active />;
  const hours = draft.workingHours;
  const setHours = (next: typeof hours) => policy.change({ ...draft, workingHours: next });
  const at = (s: string) => dayjs(`2000-01-01T${s === '24:00' ? '23:59' : s}`);

  return (
    <PolicyFrame policy={policy} hint={t('calendar.hoursHint', { tz: draft.timeZone })}>
      <Form layout="horizontal" labelCol={{ flex: '150px' }} disabled={!policy.editable}>
        <Form.Item label={t('calendar.workingHours')}>
          <Space orientation="vertical" size={6}>
            {hours.map((h, i) => (
              <Space key={i}>
                <TimePicker.RangePicker
                  format="HH:mm"
                  minuteStep={5}
                  allowClear={false}
                  value={[at(h.start), at(h.end)]}
                  onChange={(v) => {
                    if (!v?.[0] || !v[1]) return;
                    setHours(hours.map((x, n) => (n === i ? { start: v[0]!.format('HH:mm'), end: v[1]!.format('HH:mm') } : x)));
                  }}
                />
                {policy.editable && hours.length > 1 && (
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => setHours(hours.filter((_, n) => n !== i))}
                  />
                )}
              </Space>
            ))}
            {policy.editable && hours.length < 6 && (
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => setHours([...hours, { start: '18:00', end: '20:00' }])}
              >
                {t('calendar.addHours')}
              </Button>
            )}
          </Space>
        </Form.Item>
        <Form.Item label={t('calendar.weekend')}>
          <Checkbox.Group
            value={draft.weekendDays}
            onChange={(v) => policy.change({ ...draft, weekendDays: (v as number[]).slice().sort() })}
            options={WEEK.map((d) => ({ value: d, label: t(`calendar.weekday.${d}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('calendar.yearsCovered')}>
          <Typography.Text data-testid="calendar-years-covered">
            {yearRanges(draft.holidayYears).join(t('rules.listJoin')) || '—'}
          </Typography.Text>
        </Form.Item>
      </Form>
    </PolicyFrame>
  );
}
