import { expect, test } from '@playwright/test';

import { swedishAccount } from '../support/database';
import { SSO_ACCOUNTS, SSO_LABEL } from '../support/sso-provider';

/**
 * Single sign-on in Chromium through a real OpenID provider on loopback (the reference
 * implementation), which the demo region is configured with in global-setup.
 */
test.describe('signing in through the region’s identity provider', () => {
  test('a linked user signs in with the provider, and logs out of both', async ({ page }) => {
    await swedishAccount(SSO_ACCOUNTS.eva.email);
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/login/);
    await page.getByRole('button', { name: `Logga in med ${SSO_LABEL}` }).click();

    // the provider's own page
    await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
    await page.getByLabel('Användarnamn').fill('eva');
    await page.keyboard.press('Enter');

    // back in Hyrkoll, where the sign-in began, as the demo user the provider vouched for
    await expect(page).toHaveURL(/\/orders/);
    await expect(page.getByText(SSO_ACCOUNTS.eva.name).first()).toBeVisible();
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(SSO_ACCOUNTS.eva.email);

    // logging out ends the provider's session too (RP-initiated logout), then back at the login
    await page.getByRole('button', { name: /Logga ut/ }).click();
    await page.getByRole('button', { name: 'Ja, logga ut' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  });

  test('an identity without a user is told whom to ask, and stays outside', async ({ page }) => {
    await page.goto('/login/24');
    await page.getByRole('button', { name: `Logga in med ${SSO_LABEL}` }).click();
    await page.getByLabel('Användarnamn').fill('okand');
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();

    await expect(page).toHaveURL(/\/login\/no-access\?ref=/);
    await expect(page.getByRole('heading', { name: 'Ingen åtkomst till Hyrkoll' })).toBeVisible();
    // the provider knows them; Hyrkoll has not signed them in
    await expect(page.getByText(`${SSO_LABEL} känner dig som ${SSO_ACCOUNTS.okand.name}`)).toBeVisible();
    await expect(page.getByText(/ser din förfrågan om åtkomst i Hyrkoll/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'anders.sjoberg@demo.hyrkoll.se' })).toHaveAttribute(
      'href',
      'mailto:anders.sjoberg@demo.hyrkoll.se',
    );
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);

    // someone else at the same browser: the provider asks again who signs in
    await swedishAccount(SSO_ACCOUNTS.eva.email);
    await page.getByRole('link', { name: 'Logga in som någon annan' }).click();
    await page.getByLabel('Användarnamn').fill('eva');
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await expect(page.getByText(SSO_ACCOUNTS.eva.name).first()).toBeVisible();
    const me = await page.request.get('/api/auth/me');
    expect(((await me.json()) as { email: string }).email).toBe(SSO_ACCOUNTS.eva.email);
  });
});
