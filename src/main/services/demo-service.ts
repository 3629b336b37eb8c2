import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadDemoCapa } from './demo-capa';
import { loadDemoContracts } from './demo-contracts';
import { demoParts } from './demo-parts';
import { addDemoReturns } from './demo-returns';
import { addDemoVisits } from './demo-visits';

/**
 * Service work on the demo office (issue 5), after the demo cases have been walked through the
 * procedure: visits first (parts may be used on them), the parts catalogue with its stock and the
 * parts used on cases, returns, then service contracts for out-of-warranty cases, and corrective actions.
 */
export async function loadDemoService(db: Kysely<Database>, opts: { until: Date; userId: number }): Promise<void> {
  await addDemoVisits(db, opts);
  await demoParts(db, opts);
  await addDemoReturns(db, opts);
  await loadDemoContracts(db, opts);
  // Issue 7: a few corrective and preventive actions linked to the demo cases.
  await loadDemoCapa(db, opts);
}
