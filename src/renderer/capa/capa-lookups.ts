import { useEffect, useState } from 'react';
import type { UserProfile } from '../../shared/types';
import { call } from '../api/client';

/**
 * What the CAPA screens look up: the active profiles (owners of a CAPA and of its actions), and a
 * case by its tracking number (to link it).
 */

export function useProfiles(): UserProfile[] {
  const [profiles, setProfiles] = useState<UserProfile[]>([]);
  useEffect(() => {
    let live = true;
    call('session.profiles', {}).then(
      (list) => {
        if (live) setProfiles(list.filter((p) => p.active));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return profiles;
}

export interface LinkedCase {
  id: number;
  trackingNo: string;
}

/** The case with exactly this tracking number, or null. */
export async function findCase(trackingNo: string): Promise<LinkedCase | null> {
  const no = trackingNo.trim();
  if (!no) return null;
  const page = await call('complaints.page', {
    startRow: 0,
    endRow: 2,
    filterModel: { trackingNo: { filterType: 'text', type: 'equals', filter: no } },
  });
  const row = page.rows.find((r) => r.trackingNo.toUpperCase() === no.toUpperCase());
  return row ? { id: row.id, trackingNo: row.trackingNo } : null;
}
