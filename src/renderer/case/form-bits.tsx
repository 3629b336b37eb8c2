import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The save / cancel row under every part's form, and its saving state. */

export function useSubmit(done: () => void) {
  const [saving, setSaving] = useState(false);
  async function run(fn: () => Promise<boolean>) {
    setSaving(true);
    try {
      if (await fn()) done();
    } finally {
      setSaving(false);
    }
  }
  return { saving, run };
}

export function FormButtons({ id, saving, onCancel, okText }: { id: string; saving: boolean; onCancel(): void; okText?: string }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button id={`${id}-save`} type="primary" htmlType="submit" loading={saving}>
        {okText ?? t('case.savePart')}
      </Button>
      <Button onClick={onCancel} disabled={saving}>
        {t('common.cancel')}
      </Button>
    </Space>
  );
}
