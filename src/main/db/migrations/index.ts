import type { Migration } from 'kysely';
import * as m001 from './2026-11-25-001-init';
import * as m002 from './2026-11-25-002-tracking-indexes';
import * as m003 from './2026-11-25-003-lifecycle';
import * as m004 from './2026-11-25-004-rule-engine';
import * as m005 from './2026-11-25-005-service-work';
import * as m006 from './2026-11-25-006-amortisation';
import * as m007 from './2026-11-25-007-analysis';
import * as m008 from './2026-11-25-008-import';
import * as m009 from './2026-11-25-009-report';

/**
 * Every migration, in order, through a static map: a bundled app has no migrations folder to read.
 * Names sort in the order they run. Add new ones at the end; never edit or remove a landed one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-init': m001,
  '2026-11-25-002-tracking-indexes': m002,
  '2026-11-25-003-lifecycle': m003,
  '2026-11-25-004-rule-engine': m004,
  '2026-11-25-005-service-work': m005,
  '2026-11-25-006-amortisation': m006,
  '2026-11-25-007-analysis': m007,
  '2026-11-25-008-import': m008,
  '2026-11-25-009-report': m009,
};
