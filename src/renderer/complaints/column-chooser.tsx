import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import type { GridApi } from 'ag-grid-community';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintRow } from '../../shared/types';

/** Shows and hides columns (ag-grid's column chooser is an enterprise feature). */
export function ColumnChooser({ api, onChange }: { api: GridApi<ComplaintRow> | null; onChange(): void }) {
  const { t } = useTranslation();
  const [, setTick] = useState(0);
  const columns = api && !api.isDestroyed() ? (api.getColumns() ?? []) : [];

  const content = (
    <div className="choice-filter" data-testid="column-chooser">
      {columns
        .filter((c) => c.getColId() !== 'trackingNo')
        .map((c) => (
          <div key={c.getColId()}>
            <Checkbox
              checked={c.isVisible()}
              onChange={(e) => {
                api?.setColumnsVisible([c], e.target.checked);
                onChange();
                setTick((n) => n + 1);
              }}
            >
              {c.getColDef().headerName ?? c.getColId()}
            </Checkbox>
          </div>
        ))}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" onOpenChange={() => setTick((n) => n + 1)}>
      <Button icon={<SettingOutlined />}>{t('table.columns')}</Button>
    </Popover>
  );
}
