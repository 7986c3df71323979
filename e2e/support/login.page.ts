import { expect, Page, request } from '@playwright/test';

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
    if (password === DEMO_PASSWORD) await ensureSwedishOnAccount(email, password);
    await this.page.getByLabel('E-postadress').fill(email);
    await this.page.getByLabel('Lösenord').fill(password);
    await this.page.getByRole('button', { name: 'Logga in' }).click();
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  }
}

/**
 * The language is stored on the account, so a journey that switched to English would leave the
 * next journey of the same user in English: the journeys read the Swedish UI, so the account is
 * put back to Swedish before logging in (through the API, in a session of its own). The check
 * that English follows the user to a fresh browser logs in without this (reflow.e2e.ts).
 */
async function ensureSwedishOnAccount(email: string, password: string): Promise<void> {
  const api = await request.newContext({ baseURL: process.env['E2E_BASE_URL'] });
  try {
    const login = await api.post('/api/auth/login', { data: { email, password } });
    if (!login.ok()) return; // an inactive or locked account is the journey's own business
    const me = (await login.json()) as { locale: string; csrfToken: string };
    if (me.locale !== 'sv') {
      const stored = await api.put('/api/auth/me/locale', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { locale: 'sv' },
      });
      expect(stored.status()).toBe(204);
    }
    await api.post('/api/auth/logout', { headers: { 'x-csrf-token': me.csrfToken } });
  } finally {
    await api.dispose();
  }
}
