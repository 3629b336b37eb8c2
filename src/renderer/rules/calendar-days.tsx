import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_KINDS, type DayKind, type DayTableEntry } from '../../shared/schemas/rules-policies';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { dayName, HOLIDAY_CODES } from './calendar-labels';

/**
 * The year's day table: public holidays and adjusted working days (seeded from chinese-days, i.e.
 * the State Council's notice) and the office's own days. A day is added or removed one at a time;
 * SLA due times follow at once.
 */

interface AddValues {
  date: Dayjs;
  kind: DayKind;
  holiday?: string;
  note?: string;
}

export function CalendarDays({
  year,
  days,
  editable,
  onChanged,
}: {
  year: number;
  days: DayTableEntry[];
  editable: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);

  async function add(v: AddValues) {
    setBusy(true);
    try {
      await call('calendar.setDay', {
        date: v.date.format('YYYY-MM-DD'),
        kind: v.kind,
        holiday: v.holiday ?? null,
        note: v.note?.trim() || null,
      });
      void message.success(t('calendar.dayAdded'));
      form.resetFields();
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(date: string) {
    try {
      await call('calendar.removeDay', { date });
      void message.success(t('calendar.dayRemoved'));
      onChanged();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <>
      {editable && (
        <Form<AddValues>
          form={form}
          layout="inline"
          name="calendar-add"
          style={{ marginBottom: 12, rowGap: 8 }}
          initialValues={{ kind: 'holiday' }}
          onFinish={(v) => void add(v)}
        >
          <Form.Item name="date" rules={[{ required: true, message: t('issue.required') }]}>
            <DatePicker
              placeholder={t('calendar.date')}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              disabledDate={(d) => d.year() !== year}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select style={{ width: 140 }} options={DAY_KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="holiday">
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('calendar.holidayName')}
              options={HOLIDAY_CODES.map((c) => ({ value: c, label: t(`calendar.holiday.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="note">
            <Input maxLength={200} style={{ width: 200 }} placeholder={t('calendar.note')} />
          </Form.Item>
          <Button id="calendar-add-day" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('calendar.addDay')}
          </Button>
        </Form>
      )}
      <Table<DayTableEntry>
        data-testid="calendar-days"
        rowKey="date"
        size="small"
        dataSource={days}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 120 },
          { title: t('calendar.weekdayCol'), key: 'weekday', width: 80, render: (_, d) => t(`calendar.weekday.${dayjs(d.date).day()}`) },
          {
            title: t('calendar.kindCol'),
            key: 'kind',
            width: 130,
            render: (_, d) => <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${d.kind}`)}</Tag>,
          },
          { title: t('calendar.name'), key: 'name', render: (_, d) => dayName(t, d) },
          { title: t('calendar.source'), key: 'source', width: 160, render: (_, d) => <Tag>{t(`calendar.sourceOf.${d.source}`)}</Tag> },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 60,
                  render: (_: unknown, d: DayTableEntry) => (
                    <Popconfirm title={t('calendar.removeConfirm', { date: d.date })} onConfirm={() => void remove(d.date)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('calendar.remove')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
