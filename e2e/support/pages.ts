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

/** Logs in and makes sure the interface is in Swedish (LoginPage sets the account's language). */
export async function logInInSwedish(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email);
  // logged in once the login page is left: at phone width the logout button is behind the menu
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
}

/** Logs out through the top bar and waits for the login page. */
export async function logOut(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Meny' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await new LoginPage(page).expectShown();
}
