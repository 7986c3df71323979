import { expect, Page } from '@playwright/test';

import { swedishAccount } from './database';

/** The demo accounts (README) share one password. */
export const DEMO_PASSWORD = 'hyrkoll-demo';

export const DEMO_USERS = {
  unitManager: 'eva.lindqvist@demo.hyrkoll.se',
  areaChief: 'maria.nilsson@demo.hyrkoll.se',
  purchaser: 'lars.oberg@demo.hyrkoll.se',
} as const;

/** The login page, located by its Swedish labels (the default language). */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
  }

  async logIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    // the language is stored on the account: a journey before may have left it in English
    await swedishAccount(email);
    await this.page.getByLabel('E-postadress').fill(email);
    await this.page.getByLabel('Lösenord').fill(password);
    await this.page.getByRole('button', { name: 'Logga in', exact: true }).click();
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Logga in', exact: true })).toBeVisible();
  }
}
