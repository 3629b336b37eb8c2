import { App, DatePicker, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPA_KINDS, type Capa, type CapaKind } from '../../shared/analysis';
import { call } from '../api/client';
import { DATE_FORMAT } from '../common/format';
import { useCapaError } from './capa-steps';
import { useProfiles, type LinkedCase } from './capa-lookups';
import { sourceTitle, type ParetoSource } from './capa-source';

/**
 * The new-CAPA dialog, prefilled by where it was opened from: a Pareto bar (the source is kept on
 * the CAPA) or a case (linked). Actions are planned on the CAPA afterwards.
 */

export interface CapaDraft {
  kind: CapaKind;
  title: string;
  problem: string;
  source: ParetoSource | null;
  cases: LinkedCase[];
}

interface Values {
  kind: CapaKind;
  title: string;
  problem: string;
  rootCause?: string;
  ownerId?: number | null;
  dueOn?: Dayjs | null;
  effectivenessDueOn?: Dayjs | null;
}

export function CapaCreateModal({ draft, onClose, onCreated }: { draft: CapaDraft; onClose(): void; onCreated(c: Capa): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useCapaError();
  const profiles = useProfiles();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [cases, setCases] = useState(draft.cases);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const c = await call('capa.create', {
        kind: v.kind,
        title: v.title.trim(),
        problem: v.problem.trim(),
        rootCause: v.rootCause?.trim() || null,
        ownerId: v.ownerId ?? null,
        dueOn: v.dueOn ? v.dueOn.format(DATE_FORMAT) : null,
        effectivenessDueOn: v.effectivenessDueOn ? v.effectivenessDueOn.format(DATE_FORMAT) : null,
        actions: [],
        caseIds: cases.map((x) => x.id),
        source: draft.source,
      });
      void message.success(t('capa.created', { no: c.capaNo }));
      onCreated(c);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, whitespace: true, message: t('capa.required') };
  return (
    <Modal
      open
      width={640}
      title={t('capa.new')}
      okText={t('capa.create')}
      okButtonProps={{ id: 'capa-create-ok', loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="capa-create" onFinish={submit} initialValues={{ kind: draft.kind, title: draft.title, problem: draft.problem }}>
        {draft.source && (
          <Typography.Paragraph type="secondary" data-testid="capa-create-source">
            {t('capa.field.source')}: {sourceTitle(t, draft.source)}
          </Typography.Paragraph>
        )}
        <Form.Item name="kind" label={t('capa.field.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={CAPA_KINDS.map((k) => ({ value: k, label: t(`capa.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('capa.field.title')} rules={[required]}>
          <Input id="capa-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="problem" label={t('capa.field.problem')} rules={[required]}>
          <Input.TextArea id="capa-problem" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="rootCause" label={t('capa.field.rootCause')} extra={t('capa.rootCauseHint')}>
          <Input.TextArea id="capa-rootCause" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="ownerId" label={t('capa.field.owner')} style={{ minWidth: 220, flex: 1 }}>
            <Select
              id="capa-owner"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={profiles.map((p) => ({ value: p.id, label: `${p.name} · ${t(`enum.role.${p.role}`)}` }))}
            />
          </Form.Item>
          <Form.Item name="dueOn" label={t('capa.field.dueOn')}>
            <DatePicker id="capa-dueOn" />
          </Form.Item>
          <Form.Item name="effectivenessDueOn" label={t('capa.field.effectivenessDueOn')}>
            <DatePicker id="capa-effectivenessDueOn" />
          </Form.Item>
        </div>
        {cases.length > 0 && (
          <Form.Item label={t('capa.field.cases')}>
            {cases.map((c) => (
              <Tag key={c.id} closable onClose={() => setCases((list) => list.filter((x) => x.id !== c.id))} data-testid="capa-create-case">
                {c.trackingNo}
              </Tag>
            ))}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
