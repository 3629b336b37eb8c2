import type { ColumnState, GridApi } from 'ag-grid-community';
import { useEffect, useRef } from 'react';
import type { MethodInput } from '../../shared/contract';
import { call } from '../api/client';
import { useDebouncedCallback } from '../common/use-debounced';

/**
 * The tracking table's column layout (order, widths, visibility, pinning, sort), remembered per
 * user in `prefs`. The latest layout is also kept here, so a grid re-created for another language
 * comes back exactly as it was even before the debounced save has gone out.
 */

const PREF_KEY = 'trackingTable.columnState';
type Json = MethodInput<'prefs.set'>['value'];

export function useColumnLayout() {
  // undefined: not read from prefs yet; null: the default layout.
  const latest = useRef<ColumnState[] | null | undefined>(undefined);
  const save = useDebouncedCallback((state: ColumnState[] | null) => {
    // Column state is plain data; the round trip drops undefined members that JSON cannot hold.
    const value = (state ? JSON.parse(JSON.stringify(state)) : null) as Json;
    call('prefs.set', { key: PREF_KEY, value }).catch(() => undefined);
  }, 600);

  useEffect(() => () => save.flush(), [save]);

  return {
    /** Applies the remembered layout; resolves once the grid may load rows. */
    async restore(api: GridApi): Promise<void> {
      if (latest.current === undefined) {
        try {
          const r = await call('prefs.get', { key: PREF_KEY });
          latest.current = Array.isArray(r.value) ? (r.value as ColumnState[]) : null;
        } catch {
          latest.current = null;
        }
      }
      if (!api.isDestroyed() && latest.current) api.applyColumnState({ state: latest.current, applyOrder: true });
    },
    remember(api: GridApi): void {
      latest.current = api.getColumnState();
      save.run(latest.current);
    },
    reset(api: GridApi): void {
      api.resetColumnState();
      latest.current = null;
      save.run(null);
    },
  };
}
