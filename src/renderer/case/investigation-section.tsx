import { Descriptions, Form, Input, Radio, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Investigation } from '../../shared/types';
import { formatInstant } from '../common/format';
import { useCase } from './case-context';
import { FormButtons, useSubmit } from './form-bits';
import { NotYet, SectionCard } from './section-card';

/**
 * Cause analysis (seed 002 §5.3): production technology finds the cause and develops the
 * countermeasures, with the technical department's support (seed 001). Five whys or the 8D steps
 * D3–D7 where the office uses them, or free text.
 */

const METHODS = ['five_why', '8d', 'free'] as const;
const EIGHT_D = ['containment', 'rootCauseVerified', 'permanentAction', 'prevention'] as const;
type Method = (typeof METHODS)[number];

interface Values {
  method: Method;
  cause?: string;
  countermeasures?: string;
  whys: string[];
  containment?: string;
  rootCauseVerified?: string;
  permanentAction?: string;
  prevention?: string;
  technicalSupport?: string;
}

function fromInvestigation(i: Investigation | null): Values {
  const whys = [...(i?.whys ?? [])];
  while (whys.length < 5) whys.push('');
  return {
    method: i?.method ?? 'five_why',
    cause: i?.cause ?? '',
    countermeasures: i?.countermeasures ?? '',
    whys,
    containment: i?.containment ?? '',
    rootCauseVerified: i?.rootCauseVerified ?? '',
    permanentAction: i?.permanentAction ?? '',
    prevention: i?.prevention ?? '',
    technicalSupport: i?.technicalSupport ?? '',
  };
}

const area = (rows = 2) => <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} maxLength={4000} />;

function InvestigationForm({ done }: { done(): void }) {
  const { t } = useTranslation();
  const { file, save } = useCase();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSubmit(done);
  const method = Form.useWatch('method', form) ?? file.investigation?.method ?? 'five_why';

  const submit = (v: Values) =>
    run(() =>
      save(
        'complaints.saveInvestigation',
        {
          method: v.method,
          cause: v.cause ?? null,
          countermeasures: v.countermeasures ?? null,
          whys: v.method === 'five_why' ? (v.whys ?? []).map((w) => w ?? '') : [],
          ...Object.fromEntries(EIGHT_D.map((k) => [k, v.method === '8d' ? (v[k] ?? null) : null])),
          technicalSupport: v.technicalSupport ?? null,
        },
        { form },
      ),
    );

  return (
    <Form form={form} name="investigation" layout="vertical" initialValues={fromInvestigation(file.investigation)} onFinish={submit}>
      <Form.Item name="method" label={t('investigation.method.label')}>
        <Radio.Group optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`investigation.method.${m}`) }))} />
      </Form.Item>
      {method === 'five_why' &&
        [0, 1, 2, 3, 4].map((i) => (
          <Form.Item key={i} name={['whys', i]} label={t('investigation.why', { n: i + 1 })} className="case-why">
            <Input maxLength={500} />
          </Form.Item>
        ))}
      <Form.Item name="cause" label={t('investigation.cause')} extra={t('investigation.causeHint')}>
        {area(3)}
      </Form.Item>
      {method === '8d' &&
        EIGHT_D.map((k) => (
          <Form.Item key={k} name={k} label={t(`investigation.${k}`)}>
            {area()}
          </Form.Item>
        ))}
      <Form.Item name="countermeasures" label={t('investigation.countermeasures')}>
        {area(3)}
      </Form.Item>
      <Form.Item name="technicalSupport" label={t('investigation.technicalSupport')}>
        {area()}
      </Form.Item>
      <FormButtons id="investigation" saving={saving} onCancel={done} />
    </Form>
  );
}

function InvestigationView({ i }: { i: Investigation }) {
  const { t } = useTranslation();
  const text = (s: string | null) => (s ? <div className="case-text">{s}</div> : t('common.empty'));
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'method', label: t('investigation.method.label'), children: t(`investigation.method.${i.method}`) },
  ];
  if (i.method === 'five_why' && i.whys.length) {
    items.push({
      key: 'whys',
      label: t('investigation.whys'),
      children: (
        <ol className="case-whys">
          {i.whys.map((w, n) => (
            <li key={n}>{w}</li>
          ))}
        </ol>
      ),
    });
  }
  items.push({ key: 'cause', label: t('investigation.cause'), children: text(i.cause) });
  if (i.method === '8d') for (const k of EIGHT_D) items.push({ key: k, label: t(`investigation.${k}`), children: text(i[k]) });
  items.push({ key: 'countermeasures', label: t('investigation.countermeasures'), children: text(i.countermeasures) });
  if (i.technicalSupport)
    items.push({ key: 'technicalSupport', label: t('investigation.technicalSupport'), children: text(i.technicalSupport) });
  return (
    <>
      <Descriptions bordered size="small" column={1} items={items} data-testid="investigation-view" />
      <Typography.Text type="secondary" className="case-byline">
        {t('case.lastBy', { name: i.updatedBy, at: formatInstant(i.updatedAt) })}
      </Typography.Text>
    </>
  );
}

export function InvestigationSection({ current }: { current?: boolean }) {
  const { t } = useTranslation();
  const { file } = useCase();
  return (
    <SectionCard
      section="investigation"
      title={t('investigation.title')}
      current={current}
      editLabel={file.investigation ? undefined : t('case.fillIn')}
      form={(done) => <InvestigationForm done={done} />}
    >
      {file.investigation ? <InvestigationView i={file.investigation} /> : <NotYet />}
    </SectionCard>
  );
}
