import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

import { LoginPage } from './login.page';

/** Where the journeys write their screenshots (the README shows a few). */
export const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

/** axe-core on the page as it is: no serious or critical violations. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

/** Logs in and makes sure the interface is in Swedish, whatever the account's own language. */
export async function logInInSwedish(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email);
  // logged in: away from the login page, with the logout button or at phone width the menu that holds it
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: /^(Logga ut|Log out|Meny|Menu)$/ }).first()).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== 'sv') {
    await page.getByRole('button', { name: 'Svenska' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
}

/** Logs out through the top bar and waits for the login page. */
export async function logOut(page: Page): Promise<void> {
  // at phone width the logout button is behind the menu
  const menu = page.getByRole('button', { name: 'Meny' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await new LoginPage(page).expectShown();
}
