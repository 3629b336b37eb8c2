import { AutoComplete } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/domain';
import type { Contact } from '../../shared/types';
import { call } from '../api/client';

/**
 * The contact person: free text, with the customer's known contacts offered; choosing one fills
 * the phone and e-mail fields of the same form.
 */
interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  customerId: number | null;
  form: FormInstance;
}

export function ContactInput({ id, value, onChange, customerId, form }: Props) {
  const { t } = useTranslation();
  // Contacts are remembered with the customer they belong to, so a change of customer shows none
  // of the previous one's while the new list loads.
  const [loaded, setLoaded] = useState<{ customerId: number; list: Contact[] } | null>(null);
  const contacts = loaded && loaded.customerId === customerId ? loaded.list : [];

  useEffect(() => {
    if (!customerId) return;
    let live = true;
    call('customers.contacts', { customerId }).then(
      (list) => live && setLoaded({ customerId, list }),
      () => live && setLoaded({ customerId, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [customerId]);

  const typed = (value ?? '').trim().toLowerCase();
  const options = contacts
    .filter((c) => !typed || c.name.toLowerCase().includes(typed))
    .map((c) => ({
      value: c.name,
      label: [c.name, c.phone, c.email].filter(Boolean).join(' · '),
    }));

  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      maxLength={LIMITS.contactName}
      placeholder={t('register.contactPlaceholder')}
      onSelect={(name: string) => {
        const c = contacts.find((x) => x.name === name);
        if (c) form.setFieldsValue({ contactPhone: c.phone ?? undefined, contactEmail: c.email ?? undefined });
      }}
    />
  );
}
