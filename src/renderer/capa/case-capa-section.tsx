import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capa } from '../../shared/analysis';
import { call, on } from '../api/client';
import { useCase } from '../case/case-context';
import { navigate, paths } from '../shell/router';
import { useSession } from '../shell/session';
import { CapaCreateModal } from './capa-create';
import { CAPA_EDITOR_ROLES, CapaStateTag } from './capa-steps';

/**
 * The case's corrective and preventive actions (side column of the case page): the CAPAs it is
 * linked to, each opening on the CAPA page, and a button to start one from this case (the case
 * linked, its description as the problem).
 */
export function CaseCapaSection() {
  const { t } = useTranslation();
  const { file } = useCase();
  const { user } = useSession();
  const [capas, setCapas] = useState<Capa[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    call('capa.forCase', { id: file.id }).then(setCapas, () => setCapas([]));
  }, [file.id]);
  useEffect(load, [load, file.version]);
  useEffect(() => on('capa.changed', load), [load]);

  const canCreate = !!user && CAPA_EDITOR_ROLES.includes(user.role);
  const category = file.defectCategory ? t(`enum.defectCategory.${file.defectCategory}`) : '';
  return (
    <Card
      id="section-capa"
      size="small"
      className="case-section"
      title={t('capa.caseSection')}
      extra={
        canCreate && (
          <Button id="case-capa-create" size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('capa.fromCase')}
          </Button>
        )
      }
    >
      {capas && capas.length === 0 && <Typography.Text type="secondary">{t('capa.noneForCase')}</Typography.Text>}
      {capas && capas.length > 0 && (
        <List
          size="small"
          dataSource={capas}
          renderItem={(c) => (
            <List.Item key={c.id} style={{ paddingInline: 0 }}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <a data-testid={`case-capa-${c.id}`} onClick={() => navigate(`${paths.capa}?id=${c.id}`)}>
                    {c.capaNo}
                  </a>
                  <CapaStateTag capa={c} />
                </Space>
                <Typography.Text ellipsis={{ tooltip: c.title }}>{c.title}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {creating && (
        <CapaCreateModal
          draft={{
            kind: 'corrective',
            title: t('capa.caseTitle', { no: file.trackingNo, category, model: file.productModel }),
            problem: file.description,
            source: null,
            cases: [{ id: file.id, trackingNo: file.trackingNo }],
          }}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            navigate(`${paths.capa}?id=${c.id}`);
          }}
        />
      )}
    </Card>
  );
}
