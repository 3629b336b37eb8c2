import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Responsibility } from '../../shared/types';
import { formatBp, hundredthsRule, hundredthsText, percentToBp } from './amounts';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { departmentName } from './labels';
import { NotYet, SectionCard } from './section-card';

/**
 * Responsibility (seed 002 §5.3): the sales administration office traces the cause and names the
 * responsible departments and/or people, with shares that add up to 100 %; Finance later amortises
 * the costs by these shares.
 */

interface Row {
  departmentId?: number | null;
  personName?: string;
  share?: string;
  note?: string;
}

const FULL = 10000;
const totalOf = (rows: Row[] | undefined) => (rows ?? []).reduce((s, r) => s + (percentToBp(r?.share ?? '') ?? 0), 0);

function pathFor(p: string): (string | number)[] | null {
  const m = /^entries\.(\d+)(?:\.(\w+))?$/.exec(p);
  if (!m) return null;
  const field = m[2] === 'shareBp' ? 'share' : (m[2] ?? 'departmentId');
  return ['entries', Number(m[1]), field];
}

function ResponsibilityForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, departments, save } = useCase();
  const [form] = Form.useForm<{ entries: Row[] }>();
  const { saving, run } = useSubmit(done);
  const rows = Form.useWatch('entries', form);
  const total = totalOf(rows);
  const initial: Row[] = file.responsibilities.length
    ? file.responsibilities.map((r) => ({
        departmentId: r.departmentId,
        personName: r.personName ?? '',
        share: hundredthsText(r.shareBp),
        note: r.note ?? '',
      }))
    : [{ share: '100' }];
  const options = departments.filter((d) => d.active || file.responsibilities.some((r) => r.departmentId === d.id));

  // The running total shows the shares as they are typed; a total other than 100 % stops the save.
  const [tried, setTried] = useState(false);
  const submit = (v: { entries?: Row[] }) => {
    setTried(true);
    if ((v.entries ?? []).length > 0 && totalOf(v.entries) !== FULL) return;
    return run(() =>
      save(
        'complaints.saveResponsibility',
        {
          entries: (v.entries ?? []).map((r) => ({
            departmentId: r.departmentId ?? null,
            personName: r.personName ?? null,
            shareBp: percentToBp(r.share ?? '') ?? 0,
            note: r.note ?? null,
          })),
        },
        { form, fieldFor: pathFor },
      ),
    );
  };

  return (
    <Form form={form} name="responsibility" layout="vertical" initialValues={{ entries: initial }} onFinish={submit}>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <div key={f.key} className="case-option-row" data-testid={`responsibility-row-${n}`}>
                <Form.Item name={[f.name, 'departmentId']} label={t('responsibility.department')}>
                  <Select
                    allowClear
                    style={{ width: 190 }}
                    placeholder={t('responsibility.departmentPlaceholder')}
                    options={options.map((d) => ({ value: d.id, label: departmentName(t, departments, d.id) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'personName']}
                  label={t('responsibility.person')}
                  dependencies={[['entries', f.name, 'departmentId']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, v: string | undefined) => {
                        if (!v?.trim() && !getFieldValue(['entries', f.name, 'departmentId']))
                          throw new Error(t('responsibility.whoRequired'));
                      },
                    }),
                  ]}
                >
                  <Input maxLength={100} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'share']}
                  label={t('responsibility.share')}
                  rules={[hundredthsRule(t('responsibility.shareInvalid'), { required: true, min: 1, max: FULL })]}
                >
                  <Input suffix="%" inputMode="decimal" style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'note']} label={t('responsibility.note')} className="case-grow">
                  <Input maxLength={500} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(f.name)}
                  aria-label={t('responsibility.remove')}
                />
              </div>
            ))}
            <div className="case-total-row">
              <Button
                id="responsibility-add"
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 20}
                onClick={() => add({ share: '' })}
              >
                {t('responsibility.add')}
              </Button>
              <Typography.Text data-testid="responsibility-total" type={total === FULL ? 'success' : 'danger'} strong>
                {t('responsibility.total', { total: formatBp(total) })}
              </Typography.Text>
            </div>
            {tried && fields.length > 0 && total !== FULL && <Form.ErrorList errors={[t('responsibility.totalWrong')]} />}
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 12 }}>
        <FormButtons id="responsibility" saving={saving} onCancel={done} />
      </div>
    </Form>
  );
}

function ResponsibilityView({ rows }: { rows: Responsibility[] }) {
  const { t } = useTranslation();
  const { departments } = useCase();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      data-testid="responsibility-view"
      columns={[
        {
          key: 'who',
          title: t('responsibility.who'),
          render: (_, r) =>
            [r.departmentId !== null ? departmentName(t, departments, r.departmentId) : '', r.personName ?? ''].filter(Boolean).join(' · '),
        },
        { key: 'share', title: t('responsibility.share'), align: 'right', render: (_, r) => formatBp(r.shareBp) },
        { key: 'note', title: t('responsibility.note'), render: (_, r) => r.note ?? '' },
      ]}
      summary={(data) => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('responsibility.sum')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {formatBp(data.reduce((s, r) => s + r.shareBp, 0))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} />
        </Table.Summary.Row>
      )}
    />
  );
}

export function ResponsibilitySection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  const empty = file.classification === 'non_quality' ? t('responsibility.notNeeded') : t('responsibility.none');
  return (
    <SectionCard
      section="responsibility"
      title={t('responsibility.title')}
      current={current}
      editLabel={file.responsibilities.length ? undefined : t('responsibility.determine')}
      form={(done) => <ResponsibilityForm done={done} />}
    >
      {file.responsibilities.length ? <ResponsibilityView rows={file.responsibilities} /> : <NotYet text={empty} />}
    </SectionCard>
  );
}
