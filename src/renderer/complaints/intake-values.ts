import dayjs, { type Dayjs } from 'dayjs';
import type { MethodInput } from '../../shared/contract';
import type { Channel, DefectCategory, Severity } from '../../shared/domain';
import type { ComplaintDetail } from '../../shared/types';
import type { CustomerValue } from './customer-select';

/**
 * The intake form's values and their conversion to and from the api: instants go out as ISO UTC,
 * the delivery date as YYYY-MM-DD; empty text goes out as null and the server trims and checks.
 */
export interface IntakeValues {
  receivedAt?: Dayjs | null;
  channel?: Channel;
  customerId?: CustomerValue;
  customerRegion?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  productModel?: string;
  serialNo?: string;
  deliveryDate?: Dayjs | null;
  description?: string;
  defectCategory?: DefectCategory;
  severity?: Severity;
}

export const INTAKE_FIELDS = [
  'receivedAt',
  'channel',
  'customerId',
  'customerRegion',
  'contactName',
  'contactPhone',
  'contactEmail',
  'productModel',
  'serialNo',
  'deliveryDate',
  'description',
  'defectCategory',
  'severity',
] as const;

/** Where a server issue belongs on the form (`newCustomer.name` is typed into the customer box). */
export function intakeFieldFor(path: string): string | null {
  const p = path.replace(/^patch\./, '');
  if (p === 'newCustomer' || p === 'newCustomer.name') return 'customerId';
  if (p === 'newCustomer.region') return 'customerRegion';
  return (INTAKE_FIELDS as readonly string[]).includes(p) ? p : null;
}

const textOrNull = (s: string | undefined) => (s && s.trim() ? s : null);
const dateOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

type CreateInput = MethodInput<'complaints.create'>;
type Patch = NonNullable<MethodInput<'complaints.update'>['patch']>;

/**
 * The create call's input. Required fields may still be missing if the client rules were bypassed;
 * they are sent as they are and the server names what is wrong.
 */
export function toCreateInput(v: IntakeValues): CreateInput {
  const customer = v.customerId;
  return {
    receivedAt: v.receivedAt ? v.receivedAt.toISOString() : '',
    channel: v.channel as Channel,
    ...(typeof customer === 'string'
      ? { newCustomer: { name: customer, region: textOrNull(v.customerRegion) } }
      : { customerId: customer ?? null }),
    contactName: textOrNull(v.contactName),
    contactPhone: textOrNull(v.contactPhone),
    contactEmail: textOrNull(v.contactEmail),
    productModel: v.productModel ?? '',
    serialNo: textOrNull(v.serialNo),
    deliveryDate: dateOf(v.deliveryDate),
    description: v.description ?? '',
    defectCategory: v.defectCategory as DefectCategory,
    severity: v.severity as Severity,
  };
}

export function fromDetail(c: ComplaintDetail): IntakeValues {
  return {
    receivedAt: dayjs(c.receivedAt),
    channel: c.channel,
    customerId: c.customerId,
    contactName: c.contactName ?? '',
    contactPhone: c.contactPhone ?? '',
    contactEmail: c.contactEmail ?? '',
    productModel: c.productModel,
    serialNo: c.serialNo ?? '',
    deliveryDate: c.deliveryDate ? dayjs(c.deliveryDate) : null,
    description: c.description,
    defectCategory: c.defectCategory,
    severity: c.severity,
  };
}

/** Only what the person changed; the received time compares to the minute the picker shows. */
export function diffPatch(c: ComplaintDetail, v: IntakeValues): Patch {
  const patch: Patch = {};
  if (v.receivedAt && !v.receivedAt.isSame(dayjs(c.receivedAt), 'minute')) patch.receivedAt = v.receivedAt.toISOString();
  if (v.channel && v.channel !== c.channel) patch.channel = v.channel;
  if (typeof v.customerId === 'number' && v.customerId !== c.customerId) patch.customerId = v.customerId;
  const text = (key: 'contactName' | 'contactPhone' | 'contactEmail' | 'serialNo') => {
    const next = textOrNull(v[key])?.trim() ?? null;
    if (next !== c[key]) patch[key] = next;
  };
  text('contactName');
  text('contactPhone');
  text('contactEmail');
  text('serialNo');
  if (v.productModel !== undefined && v.productModel.trim() !== c.productModel) patch.productModel = v.productModel;
  const delivery = dateOf(v.deliveryDate);
  if (delivery !== c.deliveryDate) patch.deliveryDate = delivery;
  if (v.description !== undefined && v.description.trim() !== c.description) patch.description = v.description;
  if (v.defectCategory && v.defectCategory !== c.defectCategory) patch.defectCategory = v.defectCategory;
  if (v.severity && v.severity !== c.severity) patch.severity = v.severity;
  return patch;
}
