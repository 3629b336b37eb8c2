import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_EXCLUSIONS, BUILT_IN_SUSPENSIONS, type WarrantyPolicySet } from '../../shared/schemas/rules-policies';
import { catalogueLabel } from './warranty-policy-modal';

/**
 * The office's lists of exclusions and of conditions that suspend cover (seed 000: "what is
 * excluded … which conditions suspend or limit the obligation"). The built-in codes stay; the office
 * adds its own with a label, and removes those no policy uses any more (main refuses the others).
 */

type Kind = 'exclusion' | 'suspension';
const CODE = /^[a-z][a-z0-9_]{1,39}$/;

function Catalogue({
  kind,
  set,
  editable,
  onChange,
}: {
  kind: Kind;
  set: WarrantyPolicySet;
  editable: boolean;
  onChange(s: WarrantyPolicySet): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const field = kind === 'exclusion' ? 'exclusionCodes' : 'suspensionCodes';
  const builtIn: readonly string[] = kind === 'exclusion' ? BUILT_IN_EXCLUSIONS : BUILT_IN_SUSPENSIONS;
  const list = set[field];
  const valid = CODE.test(code) && label.trim() !== '' && !list.some((c) => c.code === code);
  const add = () => {
    onChange({ ...set, [field]: [...list, { code, label: label.trim() }] });
    setCode('');
    setLabel('');
  };
  return (
    <div className="warranty-catalogue" data-testid={`warranty-catalogue-${kind}`}>
      <Typography.Text strong className="warranty-catalogue-name">
        {t(`warranty.catalogue.${kind}`)}
      </Typography.Text>
      <div className="warranty-catalogue-tags">
        {list.map((c) => (
          <Tag
            key={c.code}
            color={kind === 'suspension' ? 'orange' : undefined}
            closable={editable && !builtIn.includes(c.code)}
            onClose={() => onChange({ ...set, [field]: list.filter((x) => x.code !== c.code) })}
          >
            {catalogueLabel(t, kind, c)}
          </Tag>
        ))}
      </div>
      {editable && (
        <Space.Compact size="small">
          <Input
            style={{ width: 150 }}
            placeholder={t('warranty.catalogue.code')}
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
          />
          <Input
            style={{ width: 200 }}
            placeholder={t('warranty.catalogue.label')}
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
          />
          <Button icon={<PlusOutlined />} disabled={!valid} onClick={add}>
            {t('warranty.catalogue.add')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}

export function WarrantyCatalogues(props: { set: WarrantyPolicySet; editable: boolean; onChange(s: WarrantyPolicySet): void }) {
  const { t } = useTranslation();
  return (
    <div className="warranty-catalogues">
      <Catalogue kind="exclusion" {...props} />
      <Catalogue kind="suspension" {...props} />
      {props.editable && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('warranty.catalogue.hint')}
        </Typography.Text>
      )}
    </div>
  );
}
