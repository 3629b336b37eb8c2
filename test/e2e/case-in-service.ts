import type { Role } from '../../src/shared/domain';
import type { DeskApp } from '../../src/main/app';

/**
 * The set-up several e2e tests share: the office's people, and a case brought into service through
 * the api as the office would have done before the screen under test (registered and classified by
 * sales administration, accepted by the sales manager, investigated with one treatment option by
 * production technology, decided by the sales manager).
 */

export type Api = <T>(method: string, input: unknown) => Promise<T>;

/** The app's dispatcher as a function that answers the value or throws the error's code and message. */
export function apiOf(app: () => DeskApp): Api {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app().dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
}

/** Creates the profiles; answers name → user id. */
export async function createPeople(api: Api, people: ReadonlyArray<readonly [string, Role]>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [name, role] of people) ids.set(name, (await api<{ id: number }>('users.create', { name, role })).id);
  return ids;
}

export interface InServiceCase {
  receivedAt: string;
  customer: { name: string; region: string };
  contactName: string;
  contactPhone: string;
  productModel: string;
  serialNo: string;
  description: string;
  defectCategory: string;
  severity: string;
  investigation: { cause: string; countermeasures: string };
  option: { kind: string; description: string; estimatedCost: number };
  decision: string;
  /** Who does each step, by name (profiles made by createPeople). */
  by: { intake: string; manager: string; investigator: string };
}

export async function bringIntoService(api: Api, ids: Map<string, number>, c: InServiceCase): Promise<{ id: number; trackingNo: string }> {
  const as = (name: string) => api('session.switch', { userId: ids.get(name) });
  await as(c.by.intake);
  const created = await api<{ id: number; trackingNo: string }>('complaints.create', {
    receivedAt: c.receivedAt,
    channel: 'phone',
    newCustomer: c.customer,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    productModel: c.productModel,
    serialNo: c.serialNo,
    description: c.description,
    defectCategory: c.defectCategory,
    severity: c.severity,
  });
  const id = created.id;
  const version = async () => (await api<{ version: number }>('complaints.file', { id })).version;
  await api('complaints.classify', { id, version: await version(), classification: 'quality' });
  await as(c.by.manager);
  await api('complaints.transition', { id, version: await version(), action: 'accept' });
  await as(c.by.investigator);
  await api('complaints.saveInvestigation', { id, version: await version(), method: 'free', ...c.investigation });
  await api('complaints.saveOptions', { id, version: await version(), options: [{ ...c.option, payer: 'company' }] });
  await api('complaints.transition', { id, version: await version(), action: 'submit_for_decision' });
  await as(c.by.manager);
  await api('complaints.transition', { id, version: await version(), action: 'decide', optionIndex: 0, reason: c.decision });
  const state = (await api<{ state: string }>('complaints.file', { id })).state;
  if (state !== 'in_service') throw new Error(`the case should be in service, is ${state}`);
  return created;
}
