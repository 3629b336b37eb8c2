import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPA_KINDS, type Capa, type CapaKind } from '../../shared/analysis';
import { call, on } from '../api/client';
import { DATE_FORMAT, formatInstant } from '../common/format';
import { navigate, paths } from '../shell/router';
import { useSession } from '../shell/session';
import { findCase, useProfiles, type LinkedCase } from './capa-lookups';
import { sourceTitle } from './capa-source';
import { ACTIVE_STATES, CAPA_EDITOR_ROLES, CapaStateTag, CapaStepButtons, useCapaError } from './capa-steps';

/**
 * One CAPA: what the problem is and why it happened, the actions (what, who, by when, done), the
 * cases it answers for, its steps and the last effectiveness check. The record is edited as a whole
 * and saved with the version the person saw; while it has unsaved changes the steps wait.
 */

interface ActionRow {
  id: number | null;
  description: string;
  ownerId: number | null;
  dueOn: Dayjs | null;
  done: boolean;
}
interface Values {
  kind: CapaKind;
  title: string;
  problem: string;
  rootCause: string;
  ownerId: number | null;
  dueOn: Dayjs | null;
  effectivenessDueOn: Dayjs | null;
  actions: ActionRow[];
}

const day = (d: string | null) => (d ? dayjs(d) : null);
const toValues = (c: Capa): Values => ({
  kind: c.kind,
  title: c.title,
  problem: c.problem,
  rootCause: c.rootCause ?? '',
  ownerId: c.ownerId,
  dueOn: day(c.dueOn),
  effectivenessDueOn: day(c.effectivenessDueOn),
  actions: c.actions.map((a) => ({ id: a.id, description: a.description, ownerId: a.ownerId, dueOn: day(a.dueOn), done: a.state === 'done' })),
});

export function CapaDrawer({ capaId, onClose }: { capaId: number; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const fail = useCapaError();
  const profiles = useProfiles();
  const [form] = Form.useForm<Values>();
  const [capa, setCapa] = useState<Capa | null>(null);
  const [cases, setCases] = useState<LinkedCase[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [caseNo, setCaseNo] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const adopt = useCallback(
    (c: Capa) => {
      setCapa(c);
      setCases(c.caseIds.map((id, k) => ({ id, trackingNo: c.trackingNos[k] ?? String(id) })));
      form.setFieldsValue(toValues(c));
      setDirty(false);
    },
    [form],
  );
  const load = useCallback(() => {
    call('capa.get', { capaId }).then(adopt, (e: unknown) => fail(e));
  }, [capaId, adopt, fail]);
  useEffect(load, [load]);
  // Someone else's change (or the scheduler's overdue mark) reloads it, unless this person is editing.
  useEffect(
    () =>
      on('capa.changed', ({ ids }) => {
        if (ids.includes(capaId) && !dirty) load();
      }),
    [capaId, dirty, load],
  );

  const editable = !!capa && ACTIVE_STATES.includes(capa.state) && !!user && CAPA_EDITOR_ROLES.includes(user.role);

  async function save(v: Values) {
    if (!capa) return;
    setBusy(true);
    try {
      const next = await call('capa.update', {
        capaId: capa.id,
        version: capa.version,
        kind: v.kind,
        title: v.title.trim(),
        problem: v.problem.trim(),
        rootCause: v.rootCause?.trim() || null,
        ownerId: v.ownerId ?? null,
        dueOn: v.dueOn ? v.dueOn.format(DATE_FORMAT) : null,
        effectivenessDueOn: v.effectivenessDueOn ? v.effectivenessDueOn.format(DATE_FORMAT) : null,
        actions: (v.actions ?? []).map((a) => ({
          id: a.id ?? null,
          description: a.description.trim(),
          ownerId: a.ownerId ?? null,
          dueOn: a.dueOn!.format(DATE_FORMAT),
          done: !!a.done,
        })),
        caseIds: cases.map((c) => c.id),
      });
      void message.success(t('capa.saved', { no: next.capaNo }));
      adopt(next);
    } catch (e) {
      fail(e, load);
    } finally {
      setBusy(false);
    }
  }

  async function addCase() {
    const no = caseNo.trim();
    if (!no) return;
    const found = await findCase(no).catch(() => null);
    if (!found) {
      setMissing(no);
      return;
    }
    setMissing(null);
    setCaseNo('');
    if (!cases.some((c) => c.id === found.id)) {
      setCases((list) => [...list, found]);
      setDirty(true);
    }
  }

  const owners = profiles.map((p) => ({ value: p.id, label: `${p.name} · ${t(`enum.role.${p.role}`)}` }));
  const required = { required: true, whitespace: true, message: t('capa.required') };
  const savedAction = (id: number | null | undefined) => (id ? capa?.actions.find((a) => a.id === id) : undefined);

  return (
    <Drawer
      open
      size={960}
      onClose={onClose}
      destroyOnHidden
      title={
        capa && (
          <Space size={12} wrap>
            <span data-testid="capa-drawer-no">{capa.capaNo}</span>
            <CapaStateTag capa={capa} />
            <Typography.Text type="secondary">{t(`capa.kind.${capa.kind}`)}</Typography.Text>
          </Space>
        )
      }
      extra={capa && <CapaStepButtons capa={capa} disabled={dirty ? t('capa.saveFirst') : null} onDone={adopt} />}
      footer={
        editable && (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button disabled={!dirty} onClick={() => capa && adopt(capa)}>
              {t('capa.discard')}
            </Button>
            <Button id="capa-save" type="primary" loading={busy} disabled={!dirty} onClick={() => form.submit()}>
              {t('capa.save')}
            </Button>
          </Space>
        )
      }
    >
      {capa && (
        <div data-testid="capa-drawer">
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('capa.field.createdBy')}>
              {capa.createdBy} · {formatInstant(capa.createdAt)}
            </Descriptions.Item>
            {capa.source && <Descriptions.Item label={t('capa.field.source')}>{sourceTitle(t, capa.source)}</Descriptions.Item>}
            {capa.effectiveness && (
              <Descriptions.Item label={t('capa.field.lastCheck')} span={2}>
                <Space wrap>
                  <Tag color={capa.effectiveness === 'effective' ? 'green' : capa.effectiveness === 'not_effective' ? 'red' : 'orange'}>
                    {t(`capa.effectiveness.${capa.effectiveness}`)}
                  </Tag>
                  <span>{capa.effectivenessCheckedOn}</span>
                  <span>{capa.effectivenessNote}</span>
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Form form={form} layout="vertical" name="capa-edit" disabled={!editable} onFinish={save} onValuesChange={() => setDirty(true)}>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item name="title" label={t('capa.field.title')} rules={[required]} style={{ flex: 1, minWidth: 320 }}>
                <Input id="capa-edit-title" maxLength={200} />
              </Form.Item>
              <Form.Item name="kind" label={t('capa.field.kind')}>
                <Radio.Group optionType="button" options={CAPA_KINDS.map((k) => ({ value: k, label: t(`capa.kind.${k}`) }))} />
              </Form.Item>
            </div>
            <Form.Item name="problem" label={t('capa.field.problem')} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
            <Form.Item name="rootCause" label={t('capa.field.rootCause')} extra={editable ? t('capa.rootCauseHint') : undefined}>
              <Input.TextArea id="capa-edit-rootCause" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item name="ownerId" label={t('capa.field.owner')} style={{ minWidth: 240 }}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={owners} />
              </Form.Item>
              <Form.Item name="dueOn" label={t('capa.field.dueOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="effectivenessDueOn" label={t('capa.field.effectivenessDueOn')}>
                <DatePicker />
              </Form.Item>
            </div>

            <Typography.Title level={5}>{t('capa.actions')}</Typography.Title>
            <Form.List name="actions">
              {(fields, { add, remove }) => (
                <>
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={fields}
                    data-testid="capa-actions"
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('capa.noActions')} /> }}
                    columns={[
                      {
                        title: t('capa.field.actionDescription'),
                        key: 'description',
                        render: (_, f) => (
                          <>
                            <Form.Item name={[f.name, 'id']} hidden>
                              <Input />
                            </Form.Item>
                            <Form.Item name={[f.name, 'description']} rules={[required]} style={{ marginBottom: 0 }}>
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid={`capa-action-description-${f.name}`} />
                            </Form.Item>
                          </>
                        ),
                      },
                      {
                        title: t('capa.field.owner'),
                        key: 'owner',
                        width: 200,
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'ownerId']} style={{ marginBottom: 0 }}>
                            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={owners} data-testid={`capa-action-owner-${f.name}`} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('capa.field.dueOn'),
                        key: 'due',
                        width: 150,
                        render: (_, f) => (
                          <Space orientation="vertical" size={2}>
                            <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('capa.required') }]} style={{ marginBottom: 0 }}>
                              <DatePicker data-testid={`capa-action-due-${f.name}`} />
                            </Form.Item>
                            {savedAction(form.getFieldValue(['actions', f.name, 'id']))?.overdue && <Tag color="red">{t('capa.overdue')}</Tag>}
                          </Space>
                        ),
                      },
                      {
                        title: t('capa.field.done'),
                        key: 'done',
                        width: 110,
                        render: (_, f) => (
                          <Space orientation="vertical" size={0}>
                            <Form.Item name={[f.name, 'done']} valuePropName="checked" style={{ marginBottom: 0 }}>
                              <Checkbox data-testid={`capa-action-done-${f.name}`} />
                            </Form.Item>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {savedAction(form.getFieldValue(['actions', f.name, 'id']))?.doneOn ?? ''}
                            </Typography.Text>
                          </Space>
                        ),
                      },
                      {
                        key: 'remove',
                        width: 48,
                        render: (_, f) =>
                          editable && (
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('capa.removeAction')}
                              onClick={() => {
                                remove(f.name);
                                setDirty(true);
                              }}
                            />
                          ),
                      },
                    ]}
                  />
                  {editable && (
                    <Button
                      id="capa-add-action"
                      type="dashed"
                      icon={<PlusOutlined />}
                      style={{ marginTop: 8 }}
                      onClick={() => {
                        add({ id: null, description: '', ownerId: capa.ownerId, dueOn: day(capa.dueOn), done: false });
                        setDirty(true);
                      }}
                    >
                      {t('capa.addAction')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Form>

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('capa.field.cases')}
          </Typography.Title>
          <Space wrap size={[4, 8]} data-testid="capa-cases">
            {cases.length === 0 && <Typography.Text type="secondary">{t('capa.noCases')}</Typography.Text>}
            {cases.map((c) => (
              <Tag
                key={c.id}
                closable={editable}
                onClose={() => {
                  setCases((list) => list.filter((x) => x.id !== c.id));
                  setDirty(true);
                }}
              >
                <a onClick={() => navigate(paths.case(c.id))}>
                  <LinkOutlined /> {c.trackingNo}
                </a>
              </Tag>
            ))}
          </Space>
          {editable && (
            <div style={{ marginTop: 8 }}>
              <Space.Compact>
                <Input
                  id="capa-case-no"
                  placeholder={t('capa.caseNoPlaceholder')}
                  value={caseNo}
                  status={missing ? 'error' : undefined}
                  onChange={(e) => {
                    setCaseNo(e.target.value);
                    setMissing(null);
                  }}
                  onPressEnter={() => void addCase()}
                  style={{ width: 240 }}
                />
                <Button id="capa-case-add" onClick={() => void addCase()}>
                  {t('capa.linkCase')}
                </Button>
              </Space.Compact>
              {missing && (
                <div>
                  <Typography.Text type="danger">{t('capa.caseNotFound', { no: missing })}</Typography.Text>
                </div>
              )}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
