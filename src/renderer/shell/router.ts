import { useEffect, useState } from 'react';
import { feedbackFormHash } from '../../shared/print';
import { parseFeedbackFormRoute, type FeedbackFormRoute } from '../print/route';
import { parseVisitReportRoute, type VisitReportRoute } from '../visits/report-route';
import { parseMonthlyReportRoute, type MonthlyReportRoute } from '../report/report-route';

/**
 * A hash router of a few routes; the hash survives a reload and works the same from `file://`
 * (Electron) and from the host, with no server-side routing.
 */
export type Route =
  | { name: 'complaints' }
  | { name: 'register' }
  | { name: 'case'; id: number }
  | { name: 'settings' }
  | { name: 'review' }
  | { name: 'parts' }
  | { name: 'contracts' }
  | { name: 'fieldCalendar' }
  | { name: 'vetting' }
  | { name: 'amortisation' }
  | { name: 'analysis' }
  | { name: 'capa' }
  | { name: 'report' }
  | { name: 'import' }
  | { name: 'backup' }
  | MonthlyReportRoute
  | FeedbackFormRoute
  | VisitReportRoute
  | { name: 'notFound' };

export const paths = {
  complaints: '#/complaints',
  register: '#/complaints/new',
  case: (id: number) => `#/complaints/${id}`,
  settings: '#/settings',
  review: '#/review',
  parts: '#/parts',
  contracts: '#/contracts',
  fieldCalendar: '#/field-calendar',
  vetting: '#/costs/vetting',
  amortisation: '#/costs/amortisation',
  analysis: '#/analysis',
  capa: '#/capa',
  report: '#/report',
  import: '#/import',
  backup: '#/backup',
  feedbackForm: feedbackFormHash,
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/complaints';
  if (path === '/' || path === '/complaints' || path.startsWith('/complaints?')) return { name: 'complaints' };
  if (path === '/complaints/new') return { name: 'register' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/review') return { name: 'review' };
  if (path === '/parts') return { name: 'parts' };
  if (path === '/contracts') return { name: 'contracts' };
  if (path === '/field-calendar') return { name: 'fieldCalendar' };
  if (path === '/costs/vetting') return { name: 'vetting' };
  if (path === '/costs/amortisation') return { name: 'amortisation' };
  if (path === '/analysis' || path.startsWith('/analysis?')) return { name: 'analysis' };
  if (path === '/capa' || path.startsWith('/capa?')) return { name: 'capa' };
  if (path === '/report') return { name: 'report' };
  if (path === '/import') return { name: 'import' };
  if (path === '/backup') return { name: 'backup' };
  const form = parseFeedbackFormRoute(hash) ?? parseVisitReportRoute(hash) ?? parseMonthlyReportRoute(hash);
  if (form) return form;
  const m = /^\/complaints\/(\d{1,12})$/.exec(path);
  if (m) return { name: 'case', id: Number(m[1]) };
  return { name: 'notFound' };
}

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
