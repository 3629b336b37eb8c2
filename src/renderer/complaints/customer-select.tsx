import { Select, Tag } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/types';
import { call } from '../api/client';

/**
 * Picks a customer by typing part of the name. With `allowCreate`, a name that matches no customer
 * can be taken as a new customer: the value is then that name (a string) instead of an id.
 */
export type CustomerValue = number | string;

interface Props {
  id?: string;
  value?: CustomerValue;
  onChange?: (value: CustomerValue | undefined) => void;
  allowCreate?: boolean;
  /** The customer already on the case, so its name shows before any search. */
  initial?: Customer;
  placeholder?: string;
}

export function CustomerSelect({ id, value, onChange, allowCreate, initial, placeholder }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Customer[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  // The chosen customer, kept so its name shows whatever the latest search returned.
  const [chosen, setChosen] = useState<Customer | null>(initial ?? null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      call('customers.search', { q: query, limit: 20 })
        .then((list) => live && setResults(list))
        .catch(() => live && setResults([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const options = useMemo(() => {
    const label = (c: Customer) => (c.region ? `${c.name}（${c.region}）` : c.name);
    const opts: Array<{ value: CustomerValue; label: ReactNode; title: string }> = results.map((c) => ({
      value: c.id,
      label: label(c),
      title: c.name,
    }));
    // Keep the chosen customer in the list, or the box would show a bare id after a new search.
    // Last, so that Enter after typing takes the first match, not the customer already chosen.
    if (typeof value === 'number' && chosen?.id === value && !results.some((c) => c.id === value)) {
      opts.push({ value: chosen.id, label: label(chosen), title: chosen.name });
    }
    const typed = query.trim();
    const newName = typeof value === 'string' ? value : null;
    if (allowCreate && typed && !results.some((c) => c.name === typed) && typed !== newName) {
      opts.push({ value: typed, label: t('register.createCustomer', { name: typed }), title: typed });
    }
    if (newName) {
      opts.push({
        value: newName,
        title: newName,
        label: (
          <span>
            {newName} <Tag color="green">{t('register.newCustomerTag')}</Tag>
          </span>
        ),
      });
    }
    return opts;
  }, [results, chosen, value, query, allowCreate, t]);

  return (
    <Select<CustomerValue>
      id={id}
      value={value}
      onChange={(v) => {
        if (typeof v === 'number') setChosen(results.find((c) => c.id === v) ?? chosen);
        onChange?.(v);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={loading}
      allowClear
      placeholder={placeholder ?? t('register.customerPlaceholder')}
      notFoundContent={null}
    />
  );
}
