import dayjs from 'dayjs';

/** Instants are stored as ISO UTC; people read them in local time. Calendar dates stay as they are. */
export const INSTANT_FORMAT = 'YYYY-MM-DD HH:mm';
export const DATE_FORMAT = 'YYYY-MM-DD';

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(INSTANT_FORMAT) : iso;
}

export function formatDate(date: string | null | undefined): string {
  return date ?? '';
}
