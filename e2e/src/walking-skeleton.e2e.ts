import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { HealthReport } from '@hyrkoll/contracts';
import { expect, Page, test } from '@playwright/test';

import { DEMO_USERS, LoginPage } from '../support/login.page';

/** Screenshots of the main pages; docs/screenshots holds copies for the README. */
const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

async function logInAsUnitManager(page: Page): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  // a unit manager starts at the orders; the organisation is one link away
  await expect(page).toHaveURL(/\/orders$/);
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  await expect(page).toHaveURL(/\/organisation$/);
}

test('the API reports the database, Redis and the worker as up', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const health = (await response.json()) as HealthReport;
  expect(health.status).toBe('ok');
  expect(health.checks.database.status).toBe('up');
  expect(health.checks.redis.status).toBe('up');
  expect(health.checks.worker.status).toBe('up');
});

test('a visitor without a session is sent to the login page, and a wrong password is refused', async ({
  page,
}) => {
  await page.goto('/organisation');
  const login = new LoginPage(page);
  await login.expectShown();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Forganisation$/);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'login-sv.png') });

  await login.logIn(DEMO_USERS.unitManager, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Fel e-postadress eller lösenord.');
});

test('after login the start page shows the demo areas and units, in Swedish', async ({ page }) => {
  await logInAsUnitManager(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Organisation');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByText('Eva Lindqvist')).toBeVisible();

  const areas = page.getByRole('list', { name: 'Områden' });
  for (const name of ['NSO Umeå', 'NSO Skellefteå', 'NSO Södra Lappland', 'LSO 1', 'LSO 2']) {
    await expect(areas.getByText(name, { exact: true })).toBeVisible();
  }
  const units = page.getByRole('table', { name: 'Enheter' });
  await expect(units.getByRole('row', { name: /Hälsocentral Norrböle/ })).toContainText('Primärvård');
  await expect(page.getByText('priszonerna per kommun är illustrativa')).toBeVisible();

  await page.screenshot({ path: join(SCREENSHOTS, 'organisation-sv.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);
});

test('filters units by area and care setting', async ({ page }) => {
  await logInAsUnitManager(page);
  const units = page.getByRole('table', { name: 'Enheter' });
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'NSO Södra Lappland' });
  await page.getByLabel('Vårdform', { exact: true }).selectOption({ label: 'Psykiatri' });
  await expect(units.getByRole('row')).toHaveCount(2); // header + one unit
  await expect(units).toContainText('Psykiatriska mottagningen, Lycksele');
});

test('switches to English and remembers the choice', async ({ page }) => {
  await logInAsUnitManager(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('list', { name: 'Areas' })).toContainText('NSO Skellefteå');
  await expect(page.getByRole('table', { name: 'Units' })).toContainText('Primary care');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Svenska' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Units' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'organisation-en.png'), fullPage: true });
});

test('an unknown address shows a page, an unknown API path a JSON 404; logout ends the session', async ({
  page,
  request,
}) => {
  await logInAsUnitManager(page);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Sidan finns inte' })).toBeVisible();
  const api = await request.get('/api/no/such/route');
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await new LoginPage(page).expectShown();
  await page.goto('/organisation');
  await new LoginPage(page).expectShown();
});
