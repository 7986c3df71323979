import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { expect, test } from '@playwright/test';

import { DEMO_USERS, LoginPage } from '../support/login.page';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

test('a unit manager finds a new order in the list and opens it, with the cost in kronor', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  await expect(page).toHaveURL(/\/orders$/);

  // seed an order through the API with the page's own session
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeDto;
  const units = (await (await page.request.get('/api/org/units?area=NSO-SKE')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === '120101') as UnitDto;
  const start = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
  const created = await page.request.post('/api/orders', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      unitId: unit.id,
      profession: 'LAKARE',
      competenceLevel: 'SPECIALIST',
      periodStart: start,
      periodEnd: end,
      hours: '320.00',
      reason: 'VACANCY',
    },
  });
  expect(created.status()).toBe(201);
  const order = (await created.json()) as OrderDto;

  // the list was shown before the order existed: open it again
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Beställningar' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(order.reference) });
  await expect(row).toContainText('Utkast');
  await expect(row).toContainText('Läkare');
  await expect(row).toContainText(/440\s000\skr|\d[\d\s]*\skr/);
  await page.screenshot({ path: join(SCREENSHOTS, 'orders-sv.png'), fullPage: true });
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);

  await row.getByRole('link', { name: order.reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(order.reference);
  await expect(page.getByText('Anställningsstopp')).toBeVisible();
  await expect(page.getByText('priszon 2')).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'skapade beställningen' })).toContainText(
    'Eva Lindqvist',
  );
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  // a draft is changed and sent from the form
  await page.getByRole('link', { name: 'Ändra och skicka utkastet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Utkast ${order.reference}`);
  await expect(page.getByLabel('Timmar')).toHaveValue('320.00');
  await expect(page.getByLabel('Enhet', { exact: true })).toHaveValue(unit.id);
});

test('a unit manager orders with the form: live cost and verdict, justification, submitted for dispensation', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  await page.getByRole('link', { name: 'Beställningar' }).click();
  await page.getByRole('link', { name: 'Ny beställning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny beställning' })).toBeVisible();

  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Hälsocentral Kåge' });
  await page.getByLabel('Yrke').selectOption({ label: 'Sjuksköterska' });
  const start = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Första dag').fill(start);
  await page.getByLabel('Sista dag').fill(end);
  await page.getByLabel('Timmar').fill('300');

  const verdict = page.getByRole('region', { name: 'Kostnad och dispens' });
  await expect(verdict).toContainText('Kräver dispens: Anställningsstopp');
  await expect(verdict).toContainText(/\d[\d\s]*\skr/);
  await page
    .getByLabel('Patientsäkerhetsbehov')
    .fill('Två av tre sjuksköterskor är föräldralediga under sommaren');
  await page
    .getByLabel('Alternativ som prövats')
    .fill('Bemanningspoolen och övertid täcker inte hela perioden');
  await page.screenshot({ path: join(SCREENSHOTS, 'order-form-sv.png'), fullPage: true });
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);

  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Väntar på dispens');
  await expect(page.getByText('Hälsocentral Kåge (NSO Skellefteå)')).toBeVisible();
});

test('an order that needs a dispensation is not sent without a justification, and a failed submit stays on the form', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  await expect(page).not.toHaveURL(/login/);
  await page.goto('/orders/new');
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Hälsocentral Kåge' });
  await page.getByLabel('Yrke').selectOption({ label: 'Sjuksköterska' });
  await page.getByLabel('Första dag').fill(new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('Sista dag').fill(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('Timmar').fill('200');
  await expect(page.getByRole('region', { name: 'Kostnad och dispens' })).toContainText('Kräver dispens');

  // empty justification: named in the form, nothing saved
  const saved: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/orders(\/[^/]+\/submit)?$/.test(r.url())) saved.push(r.url());
  });
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await expect(page.getByRole('alert')).toContainText('Patientsäkerhetsbehov');
  await expect(page.getByLabel('Patientsäkerhetsbehov')).toBeFocused();
  await expect(page).toHaveURL(/\/orders\/new$/);
  expect(saved).toEqual([]);

  // the submit fails on the server: the draft is kept, the error shown, the form stays
  await page.getByLabel('Patientsäkerhetsbehov').fill('Hälften av sjuksköterskorna har semester');
  await page.getByLabel('Alternativ som prövats').fill('Poolen och övertid räcker inte till');
  await page.route('**/api/orders/*/submit', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Validation failed',
        details: [{ field: 'justification.alternativesTried', message: 'too short' }],
      }),
    }),
  );
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kontrollera ”Alternativ som prövats”.');
  await expect(page).toHaveURL(/\/orders\/new$/);
  await expect(page.getByText(/Beställningen är sparad som utkast/)).toBeVisible();
  const draftLink = page.getByRole('link', { name: 'Öppna utkastet' });
  const draftPath = (await draftLink.getAttribute('href')) ?? '';
  expect(draftPath).toMatch(/^\/orders\/[0-9a-f-]{36}$/);

  // sending again submits that draft rather than creating another
  await page.unroute('**/api/orders/*/submit');
  saved.length = 0;
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Väntar på dispens');
  await expect(page).toHaveURL(new RegExp(`${draftPath}$`));
  expect(saved).toEqual([expect.stringMatching(/\/submit$/)]);
});
