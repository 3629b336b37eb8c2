import { AutoComplete } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/domain';
import type { ProductModel } from '../../shared/types';
import { call } from '../api/client';

/** The product model: known models are offered while typing; a new model is accepted as typed. */
interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

export function ProductInput({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  const [models, setModels] = useState<ProductModel[]>([]);
  const q = (value ?? '').trim();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('products.search', { q, limit: 20 }).then(
        (list) => live && setModels(list),
        () => live && setModels([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={models.map((m) => ({
        value: m.model,
        // The product line only where the model name does not already say it.
        label: m.productLine && !m.model.startsWith(m.productLine) ? `${m.model} · ${m.productLine}` : m.model,
      }))}
      maxLength={LIMITS.productModel}
      placeholder={t('register.productPlaceholder')}
    />
  );
}
