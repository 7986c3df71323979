import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { DispensationPolicy, MeDto, UserDto } from '@hyrkoll/contracts';
import { expect, Page, test } from '@playwright/test';

import { passwordSetupToken, secondAdministrator } from '../support/database';
import { tabTo } from '../support/keyboard';
import { LoginPage } from '../support/login.page';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');
const ADMINISTRATOR = 'anders.sjoberg@demo.hyrkoll.se';

/** A suffix that keeps names unique in the e2e database, which every spec file shares. */
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
    ['serious', 'critical'].includes(v.impact ?? ''),
  );
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function logInAsAdministrator(page: Page): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(ADMINISTRATOR);
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
}

test('the administrator creates a user who is unit manager of one unit', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow(); // two browsers: the administrator, and the new user choosing a password
  await logInAsAdministrator(page);
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Användare och roller' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Anders Sjöberg/ })).toContainText('Administratör');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-users-sv.png'), fullPage: true });

  const email = `e2e.chef.${unique()}@demo.hyrkoll.se`;
  await page.getByRole('button', { name: 'Ny användare' }).click();
  await expect(page.getByRole('heading', { name: 'Ny användare' })).toBeFocused();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByLabel('Namn', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Fyll i fältet.').first()).toBeVisible();

  await page.getByLabel('Namn', { exact: true }).fill('Elsa Testchef');
  await page.getByLabel('E-postadress').fill(email);
  await expect(page.getByText(/Användaren får ett e-postmeddelande med en länk/)).toBeVisible();
  await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Enhetschef' });
  await page.getByRole('button', { name: 'Lägg till roll' }).click();
  await expect(page.getByRole('alert')).toHaveText('Välj vilken enhet eller vilket område rollen gäller.');
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Hälsocentral Norrböle (120101)' });
  await page.getByRole('button', { name: 'Lägg till roll' }).click();
  await expect(page.getByRole('list', { name: 'Tilldelade roller' })).toContainText(
    'Enhetschef – Hälsocentral Norrböle (120101)',
  );
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Skapa användare' }).click();

  await expect(page.getByText('Elsa Testchef har skapats.')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Enhetschef – Hälsocentral Norrböle (120101)');
  await expect(row).toContainText('Aktiv, väntar på lösenord');

  // the new user chooses a password through the mailed link, then logs in with the roles given
  const token = await passwordSetupToken(email);
  const context = await browser.newContext({ baseURL });
  const newcomer = await context.newPage();
  await newcomer.goto(`/password-setup#${token}`);
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Välj lösenord' })).toBeVisible();
  await expect(
    newcomer.getByText(`Hej Elsa Testchef! Välj lösenordet du ska logga in med som ${email}.`),
  ).toBeVisible();
  await expect(newcomer).toHaveURL(/\/password-setup$/);
  await newcomer.getByLabel('Nytt lösenord').fill('kort');
  await newcomer.getByLabel('Upprepa lösenordet').fill('kort');
  await newcomer.getByRole('button', { name: 'Spara lösenordet' }).click();
  await expect(newcomer.getByText('Lösenordet måste ha minst 10 tecken.')).toBeVisible();
  await expect(newcomer.getByLabel('Nytt lösenord')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(newcomer);
  await newcomer.screenshot({ path: join(SCREENSHOTS, 'password-setup-sv.png'), fullPage: true });
  await newcomer.getByLabel('Nytt lösenord').fill('ett-eget-langt-losenord');
  await newcomer.getByLabel('Upprepa lösenordet').fill('ett-annat-langt-losenord');
  await newcomer.getByRole('button', { name: 'Spara lösenordet' }).click();
  await expect(newcomer.getByText('Lösenorden är inte lika.')).toBeVisible();
  await newcomer.getByLabel('Upprepa lösenordet').fill('ett-eget-langt-losenord');
  await newcomer.getByRole('button', { name: 'Spara lösenordet' }).press('Enter');
  // the button waits while the password is saved: the focus goes to what was done, not to the page
  await expect(newcomer.getByText(/Lösenordet är sparat och länken har slutat gälla/)).toBeFocused();
  const login = await context.request.post('/api/auth/login', {
    data: { email, password: 'ett-eget-langt-losenord' },
  });
  expect(login.status()).toBe(200);
  const me = (await login.json()) as MeDto;
  expect(me.roles).toEqual([
    { role: 'UNIT_MANAGER', unit: expect.objectContaining({ costCentre: '120101' }) },
  ]);
  // the link works once
  await newcomer.goto('/login');
  await newcomer.goto(`/password-setup#${token}`);
  await expect(newcomer.getByRole('alert')).toHaveText(/Länken gäller inte längre/);
  await context.close();
  await page.reload();
  await expect(row).toContainText('Aktiv');
  await expect(row).not.toContainText('väntar på lösenord');

  // a second user with the same address is refused at the field
  await page.getByRole('button', { name: 'Ny användare' }).click();
  await page.getByLabel('Namn', { exact: true }).fill('Elsa Dubblett');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByText('E-postadressen används redan av en annan användare.')).toBeVisible();
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-postadress')).toBeFocused();
  // said once, at the field: not again in the form's alert
  await expect(page.getByText('Det finns redan en användare med den e-postadressen.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Avbryt' }).click();
  // the keyboard focus goes back to the button that opened the form
  await expect(page.getByRole('button', { name: 'Ny användare' })).toBeFocused();

  // deactivate the new user, by keyboard: a question first, then the row says so and the login is refused
  await row.getByRole('button', { name: 'Inaktivera Elsa Testchef' }).press('Enter');
  const question = row.getByText(/^Inaktivera Elsa Testchef\? Användaren loggas ut direkt/);
  await expect(question).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Inaktivera Elsa Testchef' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Inaktivera', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Elsa Testchef är inaktiverad och utloggad.')).toBeFocused();
  await expect(row).toContainText('Inaktiverad');
  const users = (await (await page.request.get('/api/users')).json()) as UserDto[];
  expect(users.find((u) => u.email === email)?.active).toBe(false);
});

test('the administrator sorts the users by e-mail address with the keyboard', async ({ page }) => {
  await logInAsAdministrator(page);
  await page.goto('/admin/users');
  const table = page.getByRole('table', { name: 'Regionens användare' });
  const header = table.getByRole('columnheader', { name: 'E-postadress' });
  const emails = async () =>
    (await table.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[1].trim());
  await expect(table.getByRole('row', { name: /Anders Sjöberg/ })).toBeVisible();
  await expect(header).not.toHaveAttribute('aria-sort');

  const sort = header.getByRole('button', { name: 'E-postadress' });
  await tabTo(page, sort);
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByText('Sorterad efter E-postadress, stigande.')).toBeAttached();
  const ascending = await emails();
  expect(ascending).toEqual([...ascending].sort(new Intl.Collator('sv', { numeric: true }).compare));

  await page.keyboard.press('Space');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await emails()).toEqual([...ascending].reverse());
  await expect(sort).toBeFocused();
  await expectNoSeriousViolations(page);

  // at 320 px the page does not scroll sideways: the table scrolls within its frame
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(table).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('the administrator adds a unit and is told when the cost centre is taken', async ({ page }) => {
  await logInAsAdministrator(page);
  await page.goto('/admin/org');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Enheter' })).toContainText('Hälsocentral Norrböle');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-org-sv.png'), fullPage: true });

  const suffix = unique();
  const name = `Hälsocentral Test ${suffix}`;
  await page.getByRole('button', { name: 'Ny enhet' }).click();
  await expect(page.getByRole('heading', { name: 'Ny enhet' })).toBeFocused();
  await page.getByLabel('Kostnadsställe').fill('120101');
  await page.getByLabel('Enhet', { exact: true }).fill(name);
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'NSO Skellefteå' });
  await page.getByLabel('Vårdform').selectOption({ label: 'Primärvård' });
  await page.getByLabel('Kommun').selectOption({ value: '2482' });
  await page.getByRole('button', { name: 'Spara' }).click();
  const costCentre = page.getByLabel('Kostnadsställe');
  await expect(page.getByText('En annan enhet i regionen har redan det kostnadsstället.')).toBeVisible();
  await expect(costCentre).toHaveAttribute('aria-invalid', 'true');
  await expect(costCentre).toHaveAttribute('aria-describedby', /un-cost-centre-error/);
  await expectNoSeriousViolations(page);

  const code = `E2E-${suffix}`.slice(0, 32);
  await costCentre.fill(code);
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText(`Enheten ${name} har lagts till.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText(name);
  await expect(row).toContainText('NSO Skellefteå');
  await expect(row).toContainText('Skellefteå');

  // rename it through the edit form
  await row.getByRole('button', { name: `Ändra enheten ${name}` }).click();
  await page.getByLabel('Enhet', { exact: true }).fill(`${name} (ny)`);
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText(`Enheten ${name} (ny) är sparad.`)).toBeVisible();
  await expect(row).toContainText(`${name} (ny)`);
});

test('the administrator changes a policy value and changes it back', async ({ page }) => {
  await logInAsAdministrator(page);
  const read = async () =>
    (await (await page.request.get('/api/policy')).json()) as { version: number; policy: DispensationPolicy };
  const original = await read();
  expect(original.policy.hiringStop).toMatchObject({ enabled: true, all: true });

  try {
    await page.goto('/admin/policy');
    await expect(page.getByRole('heading', { level: 1, name: 'Dispenspolicy' })).toBeVisible();
    await expect(page.getByLabel('Stoppet gäller alla beställningar')).toBeChecked();
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-policy-sv.png'), fullPage: true });

    const reminder = page.getByLabel('Påminn beslutsfattaren efter (arbetsdagar)');
    await expect(reminder).toHaveValue(String(original.policy.reminderAfterWorkingDays));
    await reminder.fill('0');
    await page.getByRole('button', { name: 'Spara policyn' }).click();
    await expect(page.getByText('Skriv ett heltal från 1 till 60.')).toBeVisible();
    await expect(reminder).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toHaveText('Rätta de markerade fälten innan du sparar.');

    const changed = original.policy.reminderAfterWorkingDays + 1;
    await reminder.fill(String(changed));
    await page.getByRole('button', { name: 'Spara policyn' }).click();
    await expect(page.getByText(`Policyn är sparad (version ${original.version + 1}).`)).toBeVisible();
    await expect(page.getByText(/Senast ändrad .* av Anders Sjöberg\./)).toBeVisible();
    expect((await read()).policy.reminderAfterWorkingDays).toBe(changed);

    await reminder.fill(String(original.policy.reminderAfterWorkingDays));
    await page.getByRole('button', { name: 'Spara policyn' }).click();
    await expect(page.getByText(`Policyn är sparad (version ${original.version + 2}).`)).toBeVisible();
    expect((await read()).policy).toEqual(original.policy);
  } finally {
    // other spec files rely on the demo policy (the hiring stop on all orders)
    const now = await read();
    if (JSON.stringify(now.policy) !== JSON.stringify(original.policy)) {
      const me = (await (await page.request.get('/api/auth/me')).json()) as MeDto;
      await page.request.put('/api/policy', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { version: now.version, policy: original.policy },
      });
    }
  }
});

test('a deciding role waits for a second administrator, who approves it', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow(); // two administrators, each in a browser of their own
  await logInAsAdministrator(page);
  await page.goto('/admin/users');
  const suffix = unique();
  const email = `e2e.omradeschef.${suffix}@demo.hyrkoll.se`;
  const name = `Olle Områdeschef ${suffix}`;
  await page.getByRole('button', { name: 'Ny användare' }).click();
  await page.getByLabel('Namn', { exact: true }).fill(name);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Områdeschef' });
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'NSO Skellefteå' });
  await page.getByRole('button', { name: 'Lägg till roll' }).click();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByText(`${name} har skapats.`)).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Regionens användare' })
    .getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Områdeschef – NSO Skellefteå (väntar på godkännande)');

  // the administrator who asked cannot approve it, and is told why
  const waiting = page.getByRole('table', { name: 'Roller som väntar på godkännande' });
  const request = waiting.getByRole('row', { name: new RegExp(name) });
  await expect(request).toContainText('Anders Sjöberg');
  const approve = request.getByRole('button', { name: `Godkänn ${name}, Områdeschef` });
  await expect(approve).toBeDisabled();
  await expect(request).toContainText('Du har själv begärt rollen. En annan administratör godkänner den.');
  await expect(approve).toHaveAccessibleDescription(
    'Du har själv begärt rollen. En annan administratör godkänner den.',
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-grant-requests-sv.png'), fullPage: true });

  // a second administrator chooses a password through their link and approves
  const second = `e2e.admin2.${suffix}@demo.hyrkoll.se`;
  await secondAdministrator(second, `Andra Admin ${suffix}`);
  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await other.goto(`/password-setup#${await passwordSetupToken(second)}`);
  await other.getByLabel('Nytt lösenord').fill('andra-adminens-losenord');
  await other.getByLabel('Upprepa lösenordet').fill('andra-adminens-losenord');
  await other.getByRole('button', { name: 'Spara lösenordet' }).click();
  await expect(other.getByText(/Lösenordet är sparat/)).toBeVisible();
  const login = new LoginPage(other);
  await login.goto();
  await login.logIn(second, 'andra-adminens-losenord');
  await expect(other.getByRole('link', { name: 'Administration' })).toBeVisible();
  await other.goto('/admin/users');
  const waitingThere = other.getByRole('table', { name: 'Roller som väntar på godkännande' });
  await waitingThere.getByRole('button', { name: `Godkänn ${name}, Områdeschef` }).press('Enter');
  // approving asks first; then the focus goes to what was done
  await expect(
    waitingThere.getByText(`Godkänna rollen Områdeschef – NSO Skellefteå för ${name}? Den gäller direkt.`),
  ).toBeFocused();
  await waitingThere.getByRole('button', { name: 'Godkänn', exact: true }).click();
  await expect(other.getByText(`Rollen för ${name} är godkänd och gäller nu.`)).toBeFocused();
  const approved = other
    .getByRole('table', { name: 'Regionens användare' })
    .getByRole('row', { name: new RegExp(name) });
  await expect(approved).toContainText('Områdeschef – NSO Skellefteå');
  await expect(approved).not.toContainText('väntar på godkännande');
  await context.close();
});
