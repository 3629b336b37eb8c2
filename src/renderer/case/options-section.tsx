import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAYERS, TREATMENT_KINDS, type Payer, type TreatmentKind } from '../../shared/domain';
import type { TreatmentOption } from '../../shared/types';
import { formatFen, hundredthsRule, hundredthsText, yuanToFen } from './amounts';
import { useCase } from './case-context';
import { DecisionView } from './decision-view';
import { kindLabel, payerLabel } from './labels';
import { FormButtons, useSubmit } from './form-bits';
import { NotYet, SectionCard } from './section-card';

/**
 * Treatment options (seed 002 §5.3: production technology proposes them in consultation with sales;
 * §5.2: explanation, training or replacement for non-quality cases), each with an estimated cost and
 * who bears it; then the sales manager's decision and, where it matters, the chairman's.
 */

const MAX_OPTIONS = 10;
/** Up to 100 million yuan a line, as the store allows. */
const MAX_FEN = 10_000_000_000;

interface Row {
  kind?: TreatmentKind;
  description?: string;
  cost?: string;
  payer?: Payer;
}

function OptionsForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<{ options: Row[] }>();
  const { saving, run } = useSubmit(done);
  // Seed 002 §5.2: the costs of a non-quality case are usually the customer's, with his agreement.
  const defaultPayer: Payer = file.classification === 'non_quality' ? 'customer' : 'company';
  const initial: Row[] = file.options.length
    ? file.options.map((o) => ({ kind: o.kind, description: o.description, cost: hundredthsText(o.estimatedCost), payer: o.payer }))
    : [{ payer: defaultPayer, cost: '0.00' }];

  const submit = (v: { options?: Row[] }) =>
    run(() =>
      save(
        'complaints.saveOptions',
        {
          options: (v.options ?? []).map((o) => ({
            kind: o.kind!,
            description: o.description ?? '',
            estimatedCost: yuanToFen(o.cost ?? '') ?? 0,
            payer: o.payer!,
          })),
        },
        {
          form,
          fieldFor: (p) =>
            /^options\.\d+\./.test(p)
              ? p
                  .replace('estimatedCost', 'cost')
                  .split('.')
                  .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
              : null,
        },
      ),
    );

  return (
    <Form form={form} name="options" layout="vertical" initialValues={{ options: initial }} onFinish={submit}>
      <Form.List name="options">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <div key={f.key} className="case-option-row" data-testid={`option-row-${n}`}>
                <span className="case-option-no">{n + 1}</span>
                <Form.Item
                  name={[f.name, 'kind']}
                  label={t('treatment.kindLabel')}
                  rules={[{ required: true, message: t('treatment.kindRequired') }]}
                >
                  <Select style={{ width: 150 }} options={TREATMENT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'description']}
                  label={t('treatment.description')}
                  className="case-grow"
                  rules={[{ required: true, whitespace: true, message: t('treatment.descriptionRequired') }]}
                >
                  <Input maxLength={1000} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'cost']}
                  label={t('treatment.cost')}
                  rules={[
                    { required: true, message: t('treatment.costInvalid') },
                    hundredthsRule(t('treatment.costInvalid'), { required: true, max: MAX_FEN }),
                  ]}
                >
                  <Input prefix="¥" style={{ width: 140 }} inputMode="decimal" />
                </Form.Item>
                <Form.Item name={[f.name, 'payer']} label={t('treatment.payerLabel')} rules={[{ required: true }]}>
                  <Select style={{ width: 120 }} options={PAYERS.map((p) => ({ value: p, label: payerLabel(t, p) }))} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('treatment.remove')} />
              </div>
            ))}
            <div style={{ marginBottom: 16 }}>
              <Button
                id="options-add"
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_OPTIONS}
                onClick={() => add({ payer: defaultPayer, cost: '0.00' })}
              >
                {t('treatment.add')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
      <FormButtons id="options" saving={saving} onCancel={done} />
    </Form>
  );
}

export function OptionsTable({ options, chosen }: { options: TreatmentOption[]; chosen: number | null }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={options}
      data-testid="options-view"
      columns={[
        { key: 'n', title: '#', width: 36, render: (_, __, i) => i + 1 },
        {
          key: 'kind',
          title: t('treatment.kindLabel'),
          render: (_, o, i) => (
            <>
              {kindLabel(t, o.kind)} {i === chosen && <Tag color="green">{t('treatment.chosen')}</Tag>}
            </>
          ),
        },
        { key: 'description', title: t('treatment.description'), dataIndex: 'description' },
        { key: 'cost', title: t('treatment.cost'), align: 'right', render: (_, o) => formatFen(o.estimatedCost, o.currency) },
        { key: 'payer', title: t('treatment.payerLabel'), render: (_, o) => payerLabel(t, o.payer) },
      ]}
    />
  );
}

export function OptionsSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  return (
    <SectionCard
      section="options"
      title={t('treatment.title')}
      current={current}
      editLabel={file.options.length ? undefined : t('treatment.propose')}
      form={(done) => <OptionsForm done={done} />}
    >
      {file.options.length ? <OptionsTable options={file.options} chosen={file.chosenOption} /> : <NotYet text={t('treatment.none')} />}
      <DecisionView />
    </SectionCard>
  );
}
