import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { expect, Page, test } from '@playwright/test';

import { DEMO_USERS, LoginPage } from '../support/login.page';
import { logInInSwedish } from '../support/pages';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');
/** A translation key shown instead of its text, e.g. `orders.form.title` or `orderStatus.DRAFT`. */
const RAW_KEY = /\b(orders|orderStatus|dispensations|common|rule|profession|level)\.[\w.]+/;

/** The logged-in unit manager's draft for a doctor at Skellefteå's unit 120101, through the API. */
async function draftOrder(
  page: Page,
  order: { days: [number, number]; hours: string; reason: string },
): Promise<OrderDto> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeDto;
  const units = (await (await page.request.get('/api/org/units?area=NSO-SKE')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === '120101') as UnitDto;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const created = await page.request.post('/api/orders', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      unitId: unit.id,
      profession: 'LAKARE',
      competenceLevel: 'SPECIALIST',
      periodStart: day(order.days[0]),
      periodEnd: day(order.days[1]),
      hours: order.hours,
      reason: order.reason,
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as OrderDto;
}

test('a unit manager finds a new order in the list and opens it, with the cost in kronor', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  await expect(page).toHaveURL(/\/orders$/);

  // seed an order through the API with the page's own session
  const order = await draftOrder(page, { days: [60, 120], hours: '320.00', reason: 'VACANCY' });

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
  await expect(page.getByLabel('Enhet', { exact: true })).toHaveValue(order.unit.id);
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
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
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
        details: [
          {
            field: 'justification.alternativesTried',
            code: 'minLength',
            params: { min: 20 },
            message: 'too short',
          },
        ],
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

test('the order page reads its texts from the orders scope, in Swedish and in English, never a key', async ({
  page,
}) => {
  await logInInSwedish(page, DEMO_USERS.unitManager);
  await expect(page.getByRole('heading', { level: 1, name: 'Beställningar' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
  const order = await draftOrder(page, { days: [70, 100], hours: '120', reason: 'PEAK_LOAD' });

  // opened straight from its address: the scope is loaded before anything is shown
  await page.goto(`/orders/${order.id}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(new RegExp(`^\\s*Beställning ${order.reference}\\s+Utkast\\s*$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Händelser' })).toBeVisible();
  await expect(page.getByText('skapade beställningen')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading).toHaveText(new RegExp(`^\\s*Order ${order.reference}\\s+Draft\\s*$`));
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await expect(page.getByText('created the order')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
  await page.getByRole('link', { name: 'Change and send the draft' }).click();
  await expect(heading).toHaveText(`Draft ${order.reference}`);
  await expect(page.getByLabel('Reason', { exact: true })).toHaveValue('PEAK_LOAD');
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
});
