import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../shared/types';
import { formatDate, formatInstant } from '../common/format';
import { choiceLabel, SeverityTag } from '../complaints/enum-labels';

/** The intake fields of a case, read-only. */
export function CaseDetails({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const dash = t('common.empty');
  const item = (key: string, children: ReactNode, span?: number) => ({
    key,
    label: t(`field.${key}`),
    children: children === null || children === '' ? dash : children,
    ...(span ? { span } : {}),
  });

  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="case-details"
      items={[
        item('receivedAt', formatInstant(c.receivedAt)),
        item('channel', choiceLabel(t, 'channel', c.channel)),
        item('customerName', c.customerName),
        item('contactName', c.contactName),
        item('contactPhone', c.contactPhone),
        item('contactEmail', c.contactEmail),
        item('productModel', c.productModel),
        item('serialNo', c.serialNo),
        item('deliveryDate', formatDate(c.deliveryDate)),
        item('defectCategory', choiceLabel(t, 'defectCategory', c.defectCategory)),
        item('severity', <SeverityTag value={c.severity} />),
        item('createdAt', formatInstant(c.createdAt)),
        item('description', <div className="case-description">{c.description}</div>, 2),
      ]}
    />
  );
}
