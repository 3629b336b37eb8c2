import { DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_MODES, SERVICE_MODES, SERVICE_RESULTS, type ServiceAction, type ServiceMode, type ServiceResult } from '../../shared/service';
import { hundredthsRule, hundredthsText, yuanToFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { useServiceSave, type ServiceSaveInput } from './use-service-save';

/**
 * The three forms of the service section, each in a modal: record a consultation (or remote
 * guidance, or a document update) as done; plan an on-site visit or training with its engineers and
 * dates; report a visit with what was done, the result and the travel expenses.
 */

export type FormKind = 'record' | 'plan' | 'report';

const DESK_MODES = SERVICE_MODES.filter((m) => !FIELD_MODES.includes(m));
const TIME = { format: 'HH:mm', minuteStep: 5 } as const;
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

interface Values {
  mode?: ServiceMode;
  summary?: string;
  engineerIds?: number[];
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  actualStart?: Dayjs | null;
  actualEnd?: Dayjs | null;
  travelFrom?: string;
  travelTo?: string;
  workDone?: string;
  result?: ServiceResult;
  travelCost?: string;
  accommodationCost?: string;
  allowanceCost?: string;
  customerSignoff?: string;
  note?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.second(0).millisecond(0).toISOString() : null);
const day = (s: string | null) => (s ? dayjs(s) : null);
const yuan = (fen: number) => (fen ? hundredthsText(fen) : '');

function initial(kind: FormKind, a: ServiceAction | null): Values {
  if (!a) {
    if (kind === 'record') return { mode: 'consultation', result: 'resolved' };
    const start = dayjs().add(1, 'day').hour(9).minute(0).second(0);
    return { mode: 'onsite_visit', engineerIds: [], plannedStart: start, plannedEnd: start.hour(17) };
  }
  return {
    mode: a.mode,
    summary: a.summary,
    engineerIds: a.engineers.map((e) => e.userId),
    plannedStart: day(a.plannedStart),
    plannedEnd: day(a.plannedEnd),
    actualStart: day(a.actualStart ?? (kind === 'report' ? a.plannedStart : null)),
    actualEnd: day(a.actualEnd ?? (kind === 'report' ? a.plannedEnd : null)),
    travelFrom: a.travelFrom ?? '',
    travelTo: a.travelTo ?? '',
    workDone: a.workDone ?? '',
    result: a.result ?? (kind === 'report' ? 'resolved' : undefined),
    travelCost: yuan(a.travelCost),
    accommodationCost: yuan(a.accommodationCost),
    allowanceCost: yuan(a.allowanceCost),
    customerSignoff: a.customerSignoff ?? '',
    note: a.note ?? '',
  };
}

function toInput(kind: FormKind, a: ServiceAction | null, v: Values): ServiceSaveInput {
  const fen = (s: string | undefined) => yuanToFen(s ?? '') ?? 0;
  const base: ServiceSaveInput = {
    actionId: a?.id ?? null,
    actionVersion: a?.version ?? null,
    mode: v.mode ?? a?.mode ?? 'consultation',
    state: kind === 'plan' ? 'planned' : 'done',
    summary: v.summary ?? a?.summary ?? '',
    plannedStart: a?.plannedStart ?? null,
    plannedEnd: a?.plannedEnd ?? null,
    actualStart: a?.actualStart ?? null,
    actualEnd: a?.actualEnd ?? null,
    engineerIds: a?.engineers.map((e) => e.userId) ?? [],
    travelFrom: a?.travelFrom ?? null,
    travelTo: a?.travelTo ?? null,
    travelCost: a?.travelCost ?? 0,
    accommodationCost: a?.accommodationCost ?? 0,
    allowanceCost: a?.allowanceCost ?? 0,
    workDone: a?.workDone ?? null,
    result: a?.result ?? null,
    customerSignoff: a?.customerSignoff ?? null,
    note: v.note || null,
  };
  if (kind === 'record') return { ...base, result: v.result ?? null };
  if (kind === 'plan') {
    return {
      ...base,
      engineerIds: v.engineerIds ?? [],
      plannedStart: iso(v.plannedStart),
      plannedEnd: iso(v.plannedEnd),
      travelFrom: v.travelFrom || null,
      travelTo: v.travelTo || null,
    };
  }
  return {
    ...base,
    actualStart: iso(v.actualStart),
    actualEnd: iso(v.actualEnd),
    workDone: v.workDone || null,
    result: v.result ?? null,
    travelCost: fen(v.travelCost),
    accommodationCost: fen(v.accommodationCost),
    allowanceCost: fen(v.allowanceCost),
    customerSignoff: v.customerSignoff || null,
  };
}

export function ServiceActionModal({ kind, action, onClose }: { kind: FormKind; action: ServiceAction | null; onClose(): void }) {
  const { t } = useTranslation();
  const { profiles } = useCase();
  const [form] = Form.useForm<Values>();
  const save = useServiceSave();
  const [saving, setSaving] = useState(false);
  const initialValues = useMemo(() => initial(kind, action), [kind, action]);
  const required = { required: true, message: t('case.required') };
  const amountRule = hundredthsRule(t('visits.form.amount'), { max: 100_000_000_00 });

  // Production after-sales first: they are the staff the production department sends (§7.2).
  const engineerOptions = useMemo(() => {
    const keep = new Set(action?.engineers.map((e) => e.userId) ?? []);
    return profiles
      .filter((p) => (p.active || keep.has(p.id)) && p.role !== 'admin')
      .sort((x, y) => Number(y.role === 'production_after_sales') - Number(x.role === 'production_after_sales') || x.name.localeCompare(y.name, 'zh-CN'))
      .map((p) => ({ value: p.id, label: t('case.withRole', { name: p.name, role: t(`enum.role.${p.role}`) }) }));
  }, [profiles, action, t]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      if (await save(toInput(kind, action, v), form)) onClose();
    } finally {
      setSaving(false);
    }
  };

  const title = t(kind === 'record' ? 'visits.form.recordTitle' : kind === 'report' ? 'visits.form.reportTitle' : action ? 'visits.form.editTitle' : 'visits.form.planTitle');
  const modeChoices = kind === 'record' ? DESK_MODES : FIELD_MODES;
  return (
    <Modal
      open
      title={title}
      width={720}
      onCancel={onClose}
      okText={t('visits.form.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'visit-save', loading: saving, htmlType: 'submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} name="visit" layout="vertical" className="case-form-grid" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        {kind !== 'report' && (
          <Form.Item name="mode" label={t('visits.form.mode')} className="case-span-all">
            <Radio.Group
              optionType="button"
              disabled={!!action}
              options={modeChoices.map((m) => ({ value: m, label: t(`visits.enum.mode.${m}`) }))}
            />
          </Form.Item>
        )}
        {kind !== 'report' && (
          <Form.Item
            name="summary"
            label={t(kind === 'plan' ? 'visits.form.summaryPlan' : 'visits.form.summary')}
            className="case-span-all"
            rules={[{ ...required, whitespace: true }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
          </Form.Item>
        )}
        {kind === 'plan' && (
          <>
            <Form.Item name="engineerIds" label={t('visits.form.engineers')} extra={t('visits.form.engineersHint')} className="case-span-all" rules={[{ ...required, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={engineerOptions} optionFilterProp="label" placeholder={t('visits.form.engineers')} />
            </Form.Item>
            <Form.Item name="plannedStart" label={t('visits.form.plannedStart')} rules={[required]}>
              <DatePicker showTime={TIME} format={PICKER_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="plannedEnd" label={t('visits.form.plannedEnd')} rules={[required]}>
              <DatePicker showTime={TIME} format={PICKER_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="travelFrom" label={t('visits.form.travelFrom')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="travelTo" label={t('visits.form.travelTo')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {kind === 'report' && (
          <>
            {action && (
              <Typography.Paragraph className="case-span-all" type="secondary">
                {t(`visits.enum.mode.${action.mode}`)} · {action.summary} · {action.engineers.map((e) => e.name).join('、')}
              </Typography.Paragraph>
            )}
            <Form.Item name="actualStart" label={t('visits.form.actualStart')} rules={[required]}>
              <DatePicker showTime={TIME} format={PICKER_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="actualEnd" label={t('visits.form.actualEnd')} rules={[required]}>
              <DatePicker showTime={TIME} format={PICKER_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="workDone" label={t('visits.form.workDone')} className="case-span-all" rules={[{ ...required, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {kind !== 'plan' && (
          <Form.Item name="result" label={t('visits.form.result')} className="case-span-all" rules={[required]}>
            <Radio.Group options={SERVICE_RESULTS.map((r) => ({ value: r, label: t(`visits.enum.result.${r}`) }))} />
          </Form.Item>
        )}
        {kind === 'report' && (
          <>
            <Form.Item name="travelCost" label={t('visits.form.travelCost')} rules={[amountRule]}>
              <Input inputMode="decimal" prefix="¥" />
            </Form.Item>
            <Form.Item name="accommodationCost" label={t('visits.form.accommodationCost')} rules={[amountRule]}>
              <Input inputMode="decimal" prefix="¥" />
            </Form.Item>
            <Form.Item name="allowanceCost" label={t('visits.form.allowanceCost')} rules={[amountRule]} extra={t('visits.form.costsHint')}>
              <Input inputMode="decimal" prefix="¥" />
            </Form.Item>
            <Form.Item name="customerSignoff" label={t('visits.form.customerSignoff')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('visits.form.note')} className="case-span-all">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
