import { sql, type Kysely } from 'kysely';
import type { MailDraft } from '../../shared/data-io';
import type { Database } from '../db/schema';

/**
 * Who sent the e-mail: a contact remembered with this address (the registration form remembers
 * every contact's e-mail) gives the customer; failing that, a colleague's address at the same
 * company domain suggests it. Free mail domains say nothing about the company, so they never do.
 */

/** Mail providers whose addresses belong to people, not to a company (China first, then the rest). */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'qq.com',
  'vip.qq.com',
  'foxmail.com',
  '163.com',
  'vip.163.com',
  '126.com',
  'vip.126.com',
  'yeah.net',
  '188.com',
  'sina.com',
  'sina.cn',
  'vip.sina.com',
  'sohu.com',
  '139.com',
  '189.cn',
  'wo.cn',
  '21cn.com',
  'tom.com',
  'aliyun.com',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'live.cn',
  'msn.com',
  'yahoo.com',
  'yahoo.com.cn',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'mail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'yandex.com',
  'proton.me',
  'protonmail.com',
]);

export function mailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  const domain = at > 0 ? address.slice(at + 1).trim().toLowerCase() : '';
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

type Match = Pick<MailDraft, 'match' | 'customer' | 'contact'>;

export async function matchSender(db: Kysely<Database>, address: string | null): Promise<Match> {
  const none: Match = { match: 'none', customer: null, contact: null };
  const a = address?.trim().toLowerCase();
  if (!a) return none;
  // The most recently remembered contact with the address, should two customers share one.
  const exact = await db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select(['k.id', 'k.customer_id', 'k.name', 'k.phone', 'k.email', 'c.name as customer_name', 'c.region'])
    .where(sql<string>`lower(trim(k.email))`, '=', a)
    .orderBy('k.id', 'desc')
    .executeTakeFirst();
  if (exact) {
    return {
      match: 'contact',
      customer: { id: exact.customer_id, name: exact.customer_name, region: exact.region },
      contact: { id: exact.id, customerId: exact.customer_id, name: exact.name, phone: exact.phone, email: exact.email },
    };
  }
  const domain = mailDomain(a);
  if (!domain || PUBLIC_MAIL_DOMAINS.has(domain)) return none;
  // The customer with the most contacts at that domain (a subsidiary may share its parent's).
  const byDomain = await db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select(['c.id', 'c.name', 'c.region', (eb) => eb.fn.countAll<number>().as('n')])
    // The domain is letters, digits, dots and hyphens only (mailDomain): nothing LIKE would take as a wildcard.
    .where(sql<string>`lower(trim(k.email))`, 'like', `%@${domain}`)
    .groupBy(['c.id', 'c.name', 'c.region'])
    .orderBy('n', 'desc')
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
  return byDomain ? { match: 'domain', customer: { id: byDomain.id, name: byDomain.name, region: byDomain.region }, contact: null } : none;
}
