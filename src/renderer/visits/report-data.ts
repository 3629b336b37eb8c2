import type { CasePart, CostLine, ServiceAction } from '../../shared/service';
import type { CaseFile } from '../../shared/types';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';

/** What the visit report shows: the action, its case, the parts used on it, the office's time zone. */
export interface VisitReportData {
  action: ServiceAction;
  file: CaseFile;
  parts: CasePart[];
  costs: CostLine[];
  timeZone: string;
}

export async function loadVisitReport(actionId: number): Promise<VisitReportData> {
  const action = await call('service.get', { actionId });
  const [file, settings, parts, costs] = await Promise.all([
    call('complaints.file', { id: action.complaintId }),
    call('settings.get', {}),
    // The parts ledger is another part of service work; a report without it still prints.
    call('parts.forCase', { id: action.complaintId }).catch((e: unknown) => {
      if (toApiError(e).code === 'INTERNAL') return [] as CasePart[];
      throw e;
    }),
    call('costs.forCase', { id: action.complaintId }),
  ]);
  return {
    action,
    file,
    parts: parts.filter((p) => p.actionId === action.id && !p.cancelledAt),
    costs: costs.filter((c) => c.source === 'visit' && c.sourceId === action.id),
    timeZone: settings.officeTimeZone,
  };
}
