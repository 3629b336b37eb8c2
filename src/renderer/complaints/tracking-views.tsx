import { Segmented } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRACKING_VIEWS, type TrackingView } from '../../shared/schemas/grid';
import { call } from '../api/client';

/**
 * Saved views of the tracking table (issue 3): the questions the office asks every morning, answered
 * by the server (`view` on complaints.page and complaints.count). The chosen one is remembered per
 * person, so the sales manager comes back to "awaiting the sales manager".
 */

const PREF_KEY = 'trackingTable.view';
const isView = (v: unknown): v is TrackingView => typeof v === 'string' && (TRACKING_VIEWS as readonly string[]).includes(v);

/**
 * The view, null until the remembered one is read (the grid waits, so no other view flashes by).
 * `given`: a view to start from instead of the remembered one (a link that carries its own filter
 * shows all cases), not remembered unless the person chooses it.
 */
export function useTrackingView(given?: TrackingView) {
  const [view, setView] = useState<TrackingView | null>(given ?? null);
  // What the datasource reads when it asks for rows (outside rendering).
  const latest = useRef<TrackingView>(given ?? 'all');
  useEffect(() => {
    if (given) return;
    let live = true;
    const found = (v: TrackingView) => {
      if (!live) return;
      latest.current = v;
      setView(v);
    };
    call('prefs.get', { key: PREF_KEY }).then(
      (r) => found(isView(r.value) ? r.value : 'all'),
      () => found('all'),
    );
    return () => {
      live = false;
    };
  }, [given]);
  return {
    view,
    current: () => latest.current,
    choose(v: TrackingView) {
      latest.current = v;
      setView(v);
      call('prefs.set', { key: PREF_KEY, value: v }).catch(() => undefined);
    },
  };
}

export function ViewSwitch({ value, onChange }: { value: TrackingView; onChange(v: TrackingView): void }) {
  const { t } = useTranslation();
  return (
    <Segmented<TrackingView>
      aria-label={t('views.label')}
      data-testid="tracking-views"
      value={value}
      onChange={onChange}
      options={TRACKING_VIEWS.map((v) => ({
        value: v,
        label: <span data-testid={`view-${v}`}>{t(`views.${v}`)}</span>,
        title: t(`views.hint.${v}`),
      }))}
    />
  );
}
