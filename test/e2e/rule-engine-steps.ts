import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { RuleDocument } from '../../src/shared/engine';
import type { Role } from '../../src/shared/domain';
import type { UserProfile } from '../../src/shared/types';
import type { E2E } from './harness';

/** The moves of test/e2e/rule-engine.test.ts: waiting for the screen, picking, the data it starts from. */

/** Lets Ant Design's motion (dropdowns, drawers, messages) finish before a screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(2, 300);
  await expect
    .poll(
      () =>
        page
          .locator('.ant-select-dropdown:visible, .ant-spin-spinning:visible, .ant-skeleton:visible, .ant-message-notice:visible')
          .count(),
      { timeout: 10_000 },
    )
    .toBe(0);
  await page.waitForTimeout(500);
}

/** Chooses an option of the open dropdown by its text. */
export async function choose(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** A calendar date n days back (UTC), as the api takes it. */
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function history(e: E2E, key: string): Promise<number[]> {
  const r = await e.app.dispatch('rules.history', { kind: 'escalation', key });
  return r.ok ? (r.value as RuleDocument[]).map((d) => d.version) : [];
}

/** The "major defect" rule as the form edits it: major or safety, and not closed. */
export const MAJOR_OR_SAFETY_OPEN = {
  id: 'major-defect',
  name: 'Major defect',
  description: null,
  enabled: true,
  level: 'sales_manager',
  conditions: {
    all: [
      { fact: 'severity', operator: 'in', value: ['major', 'safety'] },
      { fact: 'state', operator: 'notEqual', value: 'closed' },
    ],
  },
  actions: { raisePriority: true, notify: ['sales_manager'], email: false, requireChairman: false, managementReview: false },
  deescalate: true,
};

/**
 * A safety defect received a minute ago, for a new customer; its installation date (from which the
 * default policy counts) is recorded after registration, as it usually is.
 */
export async function registerSafetyCase(e: E2E): Promise<{ id: number; trackingNo: string }> {
  const created = await e.app.dispatch('complaints.create', {
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    channel: 'phone',
    newCustomer: { name: '苏州安达精密机械有限公司', region: '江苏' },
    contactName: '陈工',
    contactPhone: '0512-6688 1234',
    productModel: 'SA-90C',
    serialNo: 'SA90C-2025-0412',
    deliveryDate: daysAgo(160),
    description: '设备运行中电气柜冒烟，操作人员已紧急停机，无人员受伤。',
    defectCategory: 'electrical',
    severity: 'safety',
  });
  expect(created.ok).toBe(true);
  const detail = created.ok ? (created.value as { id: number; version: number; trackingNo: string }) : null;
  const updated = await e.app.dispatch('complaints.update', {
    id: detail!.id,
    version: detail!.version,
    patch: { installationDate: daysAgo(150) },
  });
  expect(updated.ok).toBe(true);
  return { id: detail!.id, trackingNo: detail!.trackingNo };
}

/** Switches to the first active profile of a role that has no password, through the header. */
export async function switchToRole(e: E2E, role: Role): Promise<void> {
  const profiles = await e.app.dispatch('session.profiles', {});
  const who = (profiles.ok ? (profiles.value as UserProfile[]) : []).find((p) => p.role === role && p.active && !p.hasPassword);
  expect(who).toBeTruthy();
  await e.page.locator('#profile-switch').click();
  await e.page.getByTestId(`profile-${who!.id}`).click();
}
