import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

import { daysFromToday } from '../support/dates';
import { arrowToOption, tabTo, typeDate } from '../support/keyboard';
import { DEMO_PASSWORD, DEMO_USERS } from '../support/login.page';

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

function inDays(n: number): string {
  return daysFromToday(n);
}

test('a unit manager logs in, orders and submits for dispensation with the keyboard only', async ({
  page,
}) => {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('E-postadress'));
  await page.keyboard.type(DEMO_USERS.unitManager);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Lösenord')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/orders$/);

  // after a page change the focus is on the main content
  await expect(page.locator('main')).toBeFocused();
  // on a fresh page the skip link is the first stop and leads past the navigation
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Beställningar' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Till huvudinnehållet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const newOrder = page.getByRole('link', { name: 'Ny beställning' });
  await tabTo(page, newOrder);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Ny beställning' })).toBeVisible();

  const unit = page.getByLabel('Enhet', { exact: true });
  await tabTo(page, unit);
  await arrowToOption(page, unit, 'Hälsocentral Kåge');
  await page.keyboard.press('Tab');
  await arrowToOption(page, page.getByLabel('Yrke'), 'Barnmorska');
  await tabTo(page, page.getByLabel('Första dag'));
  await typeDate(page, page.getByLabel('Första dag'), inDays(40));
  await tabTo(page, page.getByLabel('Sista dag'));
  await typeDate(page, page.getByLabel('Sista dag'), inDays(70));
  await tabTo(page, page.getByLabel('Timmar'));
  await page.keyboard.type('160');

  const verdict = page.getByRole('region', { name: 'Kostnad och dispens' });
  await expect(verdict).toContainText('Kräver dispens: Anställningsstopp');
  await tabTo(page, page.getByLabel('Patientsäkerhetsbehov'));
  await page.keyboard.type('Förlossningen saknar barnmorskor under hösten');
  await tabTo(page, page.getByLabel('Alternativ som prövats'));
  await page.keyboard.type('Egen bemanningspool och övertid räcker inte');

  const submit = page.getByRole('button', { name: 'Skicka beställningen' });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Väntar på dispens');
  await expectNoSeriousAxeViolations(page);
});

test('a user with two roles switches between them, and the navigation and actions follow', async ({
  page,
}) => {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill('lena.forsberg@demo.hyrkoll.se');
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();

  const role = page.getByLabel('Roll');
  await expect(role.locator('option:checked')).toHaveText(/Enhetschef – /);
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole('link', { name: 'Ny beställning' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await role.selectOption({
    label: (await role.locator('option', { hasText: 'Områdeschef' }).textContent())?.trim() ?? '',
  });
  await expect(page).toHaveURL(/\/dispensations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dispenser' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Beställningar' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beställningar' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ny beställning' })).toHaveCount(0);

  // the choice is remembered in this browser
  await page.reload();
  await expect(page.getByLabel('Roll').locator('option:checked')).toHaveText(/Områdeschef – NSO Umeå/);
});
