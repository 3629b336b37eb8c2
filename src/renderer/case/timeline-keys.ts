/**
 * The catalogue keys that name an event of the audit trail on the timeline: its kind
 * (`timeline.kind.*`) and, for a changed field, the field. No imports, so that the unit test
 * (test/unit/timeline-words.test.ts) can check every kind and field main writes against both catalogues.
 */

/** The intake fields of registration (labels under `field.`); everything else is a later part (`case.field.`). */
export const INTAKE_FIELDS: ReadonlySet<string> = new Set([
  'receivedAt',
  'channel',
  'customerName',
  'contactName',
  'contactPhone',
  'contactEmail',
  'productModel',
  'serialNo',
  'deliveryDate',
  'description',
  'defectCategory',
  'severity',
]);

/** Fields the timeline does not show: the customer's name carries the change; the id is for the audit trail. */
export const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['customerId']);

export const kindKey = (kind: string) => `timeline.kind.${kind}`;

export const fieldKey = (field: string) => (INTAKE_FIELDS.has(field) ? `field.${field}` : `case.field.${field}`);
