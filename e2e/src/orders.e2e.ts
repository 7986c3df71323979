import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { MeDto, OrderDto, SupplierDto, UnitDto } from '@hyrkoll/contracts';
import { expect, Page, test } from '@playwright/test';

import { apiSession, approveDispensation, submittedOrder } from '../support/api';
import { daysFromToday } from '../support/dates';
import { DEMO_USERS, LoginPage } from '../support/login.page';
import { logInInSwedish, logOut } from '../support/pages';

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
  const day = (n: number) => daysFromToday(n);
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
  baseURL,
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
  await page.getByRole('link', { name: 'Ändra', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Utkast ${order.reference}`);
  await expect(page.getByLabel('Timmar')).toHaveValue('320.00');
  await expect(page.getByLabel('Enhet', { exact: true })).toHaveValue(order.unit.id);

  // someone else saves the draft meanwhile: Spara shows what it is now and overwrites nothing
  // until she chooses
  const other = await apiSession(baseURL, DEMO_USERS.unitManager);
  const current = (await (await other.context.get(`/api/orders/${order.id}`)).json()) as OrderDto;
  const changed = await other.context.patch(`/api/orders/${order.id}`, {
    headers: other.headers,
    data: {
      unitId: current.unit.id,
      profession: current.profession,
      competenceLevel: current.competenceLevel,
      periodStart: current.periodStart.slice(0, 10),
      periodEnd: current.periodEnd.slice(0, 10),
      hours: '300',
      reason: current.reason,
      version: current.version,
    },
  });
  expect(changed.status()).toBe(200);
  await other.context.dispose();
  await page.getByLabel('Timmar').fill('330');
  const saveDraft = page.getByRole('button', { name: 'Spara utkastet' });
  await saveDraft.click();
  const conflict = page.locator('#of-conflict');
  await expect(conflict).toBeFocused();
  await expect(conflict).toContainText('Någon annan sparade utkastet');
  await expect(conflict.getByRole('listitem')).toHaveText(['Timmar: 300.00']);
  // a second Spara does not save over it
  await saveDraft.click();
  await expect(conflict).toBeFocused();
  await expect(page).toHaveURL(/\/orders\/new\?draft=/);
  const stored = (await (await page.request.get(`/api/orders/${order.id}`)).json()) as OrderDto;
  expect(stored.hours).toBe('300.00');
  // Ladda om: the form shows the draft as it is now
  await page.getByRole('button', { name: 'Ladda om utkastet' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByLabel('Timmar')).toHaveValue('300.00');

  // a draft address that is not hers (not an id, or no such draft): said so, a way back, no form
  for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
    await page.goto(`/orders/new?draft=${id}`);
    await expect(page.locator('#of-missing')).toHaveText('Utkastet finns inte eller är inte ditt.');
    await expect(page.locator('#of-missing + p').getByRole('link')).toHaveAttribute('href', '/orders');
    await expect(page.locator('#of-unit')).toHaveCount(0);
  }

  // the read-only steering group is neither offered the order form nor let into it
  await logOut(page);
  await login.goto();
  await login.logIn('sofia.wikstrom@demo.hyrkoll.se');
  await expect(page).not.toHaveURL(/login/);
  await page.goto('/orders/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Ingen behörighet', exact: true })).toBeVisible();
  await expect(page.locator('#of-unit')).toHaveCount(0);
  await page.goto('/orders');
  await expect(page.getByRole('heading', { level: 1, name: 'Beställningar' })).toBeVisible();
  await expect(page.locator('a[href="/orders/new"]')).toHaveCount(0);
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
  const start = daysFromToday(45);
  const end = daysFromToday(100);
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
  await page.getByRole('link', { name: 'Change', exact: true }).click();
  await expect(heading).toHaveText(`Draft ${order.reference}`);
  await expect(page.getByLabel('Reason', { exact: true })).toHaveValue('PEAK_LOAD');
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
});

const day = (n: number) => daysFromToday(n);

/** An order the unit manager submitted and the area chief approved, through the API. */
async function approvedOrder(baseURL: string | undefined): Promise<OrderDto> {
  const { order, dispensation } = await submittedOrder(baseURL, {
    costCentre: '120101',
    profession: 'LAKARE',
    competenceLevel: 'SPECIALIST',
    hours: '100',
    reason: 'VACANCY',
    patientSafetyNeed: 'Mottagningen saknar läkare under fyra veckor',
    alternativesTried: 'Egen personal och övertid räcker inte',
  });
  await approveDispensation(baseURL, dispensation);
  return order;
}

/** The page does not scroll sideways at the viewport's width. */
async function noSideScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
}

/** Moves the keyboard focus to a control and presses Enter, as a keyboard user would after tabbing there. */
async function press(page: Page, control: ReturnType<Page['getByRole']>): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
}

test('the order form by keyboard: every problem at its field, the cost as its parts, and who decides after submit', async ({
  page,
}) => {
  await logInInSwedish(page, DEMO_USERS.unitManager);
  await page.goto('/orders/new');
  const submit = page.getByRole('button', { name: 'Skicka beställningen' });
  const start = page.getByLabel('Första dag');
  const hours = page.getByLabel('Timmar');

  // the required fields are marked, for the eye (an asterisk, explained) and for assistive technology
  await expect(page.getByText('Fält markerade med * är obligatoriska.')).toBeVisible();
  for (const field of [
    start,
    page.getByLabel('Sista dag'),
    hours,
    page.getByLabel('Enhet', { exact: true }),
  ]) {
    await expect(field).toHaveAttribute('aria-required', 'true');
  }
  await expect(page.getByLabel('Specialitet')).not.toHaveAttribute('aria-required', 'true');
  expect(
    await page
      .locator('label[for="of-hours"]')
      .evaluate((label) => getComputedStyle(label, '::after').content),
  ).toContain('*');

  // an empty submit marks each missing field, in Swedish, and focuses the first
  await press(page, submit);
  await expect(start).toBeFocused();
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#of-start-error')).toHaveText('Fyll i fältet.');
  await expect(start).toHaveAttribute('aria-describedby', /of-start-error/);
  await expect(page.getByLabel('Sista dag')).toHaveAttribute('aria-invalid', 'true');
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveText('Rätta de markerade fälten.');

  // the competence levels as the glossary writes them, with a capital
  await expect(page.getByLabel('Kompetensnivå').locator('option')).toHaveText([
    'Legitimerad',
    'Specialist',
    'Överläkare',
  ]);

  await start.fill(day(40));
  await page.getByLabel('Sista dag').fill(day(100));
  await hours.focus();
  await page.keyboard.type('99999999');
  await press(page, submit);
  await expect(hours).toBeFocused();
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  // in the words the API's field code has: the browser checks what the API checks
  await expect(page.locator('#of-hours-error')).toHaveText(
    'Ange ett tal med högst 5 siffror före decimaltecknet och högst två decimaler, till exempel 1 150,50.',
  );

  // the cost as hours × rate + travel allowance = total, before anything is sent
  await hours.fill('');
  await page.keyboard.type('160');
  const breakdown = page.getByTestId('cost-breakdown');
  await expect(breakdown).toContainText('160 h × 1 375 kr/h = 220 000 kr + reseschablon');
  const text = (await breakdown.innerText()).replace(/\s/g, '');
  const [, travel, total] = /reseschablon([\d]+)kr=([\d]+)kr/.exec(text) ?? [];
  expect(Number(total)).toBe(220_000 + Number(travel));
  expect(Number(travel)).toBeGreaterThan(0);
  await expect(breakdown).toContainText('(priszon 2)');

  // the justification is asked for at its fields, with what was typed kept
  const need = page.getByLabel('Patientsäkerhetsbehov');
  await expect(need).toBeVisible();
  await press(page, submit);
  await expect(need).toBeFocused();
  await expect(need).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#of-need-error')).toHaveText('Fyll i fältet.');
  await expect(page).toHaveURL(/\/orders\/new$/);
  await expect(hours).toHaveValue('160');
  await page.keyboard.type('Två av tre läkare är föräldralediga under våren');
  await page.getByLabel('Alternativ som prövats').focus();
  await page.keyboard.type('Egen jourlinje och övertid räcker inte till');
  await expect(need).not.toHaveAttribute('aria-invalid', 'true');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await press(page, submit);

  // after the submit the page says who decides and when they are reminded
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Väntar på dispens');
  const waiting = page.getByRole('region', { name: 'Vem beslutar' });
  await expect(waiting).toContainText('Dispensen beslutas nu av områdeschefen för NSO Skellefteå');
  await expect(waiting).toContainText(/påminns beslutsfattarna via e-post den \d{4}-\d{2}-\d{2}/);
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
});

test('a draft is changed and sent from its page, an order copied into a new draft, a refused submit shown at its field, all at 320 px too', async ({
  page,
}) => {
  await logInInSwedish(page, DEMO_USERS.unitManager);
  const draft = await draftOrder(page, { days: [50, 90], hours: '200.00', reason: 'VACANCY' });
  await page.goto(`/orders/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Utkast');

  // Ändra opens the form with the draft; the change is saved as the draft is sent
  await press(page, page.getByRole('link', { name: 'Ändra', exact: true }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Utkast ${draft.reference}`);
  await expect(page.getByLabel('Timmar')).toHaveValue('200.00');
  await page.getByLabel('Timmar').fill('180');
  await press(page, page.getByRole('button', { name: 'Spara utkastet' }));
  await expect(page).toHaveURL(new RegExp(`/orders/${draft.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Utkast');
  await expect(page.getByText('180 h × 1 375 kr/h = 247 500 kr')).toBeVisible();

  // Skicka on the page: the justification is asked for first, at its fields
  await press(page, page.getByRole('button', { name: 'Skicka', exact: true }));
  const need = page.getByLabel('Patientsäkerhetsbehov');
  await expect(need).toBeFocused();
  await press(page, page.getByRole('button', { name: 'Skicka beställningen' }));
  await expect(need).toHaveAttribute('aria-invalid', 'true');
  await expect(need).toBeFocused();
  await page.keyboard.type('Vakansen måste täckas för att hålla mottagningen öppen');
  await page.getByLabel('Alternativ som prövats').focus();
  await page.keyboard.type('Annonserat två gånger utan sökande');
  await press(page, page.getByRole('button', { name: 'Skicka beställningen' }));
  const status = page.getByRole('status').filter({ hasText: 'Beställningen har nu status' });
  await expect(status).toHaveText('Beställningen har nu status väntar på dispens.');
  await expect(status).toBeFocused();
  await expect(page.getByRole('region', { name: 'Vem beslutar' })).toBeVisible();

  // the order page reflows at 320 px
  await page.setViewportSize({ width: 320, height: 800 });
  await noSideScroll(page);
  await page.setViewportSize({ width: 1366, height: 800 });

  // a copy: a new draft with the order's values, the period left to set
  await press(page, page.getByRole('link', { name: 'Kopiera till nytt utkast' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny beställning');
  const copied = page.getByText(`Ett nytt utkast med uppgifterna från ${draft.reference}`);
  await expect(copied).toBeVisible();
  // the banner names both ways to save, not "nothing is saved until you submit"
  await expect(copied).toContainText('Spara utkastet');
  await expect(copied).not.toContainText('förrän du skickar.');
  await expect(page.getByLabel('Timmar')).toHaveValue('180.00');
  await expect(page.getByLabel('Orsak', { exact: true })).toHaveValue('VACANCY');
  const start = page.getByLabel('Första dag');
  await expect(start).toHaveValue('');
  await expect(start).toBeFocused();

  // with the verdict unavailable the API's refusal of a submit without justification is shown
  // at the field, on the form, in Swedish: not an order page showing Utkast
  await page.route('**/api/orders/estimate', (route) => route.abort());
  await start.fill(day(120));
  await page.getByLabel('Sista dag').fill(day(150));
  await press(page, page.getByRole('button', { name: 'Skicka beställningen' }));
  const copiedNeed = page.getByLabel('Patientsäkerhetsbehov');
  await expect(copiedNeed).toBeFocused();
  await expect(copiedNeed).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#of-need-error')).toHaveText(
    'Beställningen kräver dispens: fyll i motiveringen (Anställningsstopp).',
  );
  await expect(page).toHaveURL(/\/orders\/new\?copy=/);
  await expect(page.getByText(/Beställningen är sparad som utkast/)).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/justification|HIRING_STOP|Validation/);

  // the form reflows at 320 px
  await page.setViewportSize({ width: 320, height: 800 });
  await noSideScroll(page);
});

test('the bid panel: attestations unticked, an invalid bid marks its fields, the focus never falls to the page', async ({
  page,
  baseURL,
}) => {
  const order = await approvedOrder(baseURL);
  await logInInSwedish(page, DEMO_USERS.purchaser);
  await page.goto(`/orders/${order.id}`);
  const focusedTag = () => page.evaluate(() => document.activeElement?.tagName);

  await press(page, page.getByRole('button', { name: 'Publicera till leverantörerna' }));
  const status = page.getByRole('status').filter({ hasText: 'Beställningen har nu status' });
  await expect(status).toHaveText('Beställningen har nu status publicerad.');
  await expect(status).toBeFocused();

  // marking the order unfilled cannot be undone: it asks first, and Avbryt keeps the order as it is
  await press(page, page.getByRole('button', { name: 'Markera som ej tillsatt' }));
  const reallyUnfilled = page.getByRole('group', { name: /Markera beställningen som ej tillsatt\?/ });
  await expect(reallyUnfilled).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ja, markera som ej tillsatt' })).toBeFocused();
  await press(page, reallyUnfilled.getByRole('button', { name: 'Avbryt' }));
  await expect(reallyUnfilled).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Markera som ej tillsatt' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Publicerad');

  await press(page, page.getByRole('button', { name: 'Registrera anbud' }));
  const supplier = page.getByLabel('Leverantör', { exact: true });
  await expect(supplier).toBeFocused();
  // only the active suppliers admitted to the order's lot (Läkare) are offered, as the API lists them
  const admitted = ((await (await page.request.get('/api/agreement/suppliers')).json()) as SupplierDto[])
    .filter((s) => s.status === 'ACTIVE' && s.lots.includes('LAKARE'))
    .map((s) => `${s.name} (${s.organisationNumber})`);
  expect(admitted.length).toBeGreaterThan(0);
  await expect(supplier.locator('option:not([value=""])')).toHaveText(admitted);
  await expect(supplier.locator('option', { hasText: 'Vårdkraft Bemanning AB' })).toHaveCount(0);
  await expect(page.locator('#bid-supplier-hint')).toHaveText(
    'Bara aktiva leverantörer som är antagna till delområdet Läkare visas.',
  );
  await expect(page.getByRole('checkbox', { name: 'CV bifogat' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /nordisk erfarenhet/ })).not.toBeChecked();

  // an empty bid: each field marked where it is, the focus on the first
  await press(page, page.getByRole('button', { name: 'Spara anbudet' }));
  await expect(supplier).toBeFocused();
  await expect(supplier).toHaveAttribute('aria-invalid', 'true');
  await expect(supplier).toHaveAttribute('aria-describedby', /bid-supplier-error/);
  await expect(page.locator('#bid-supplier-error')).toHaveText('Fyll i fältet.');
  await expect(page.getByLabel('Utdrag från IVO')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#procure-alert')).toHaveText('Rätta de markerade fälten i anbudet.');

  // the hourly rate is checked as the API checks it, in the words of its field code
  await page.getByLabel('Timpris (kr)').fill('999999');
  await expect(page.locator('#bid-rate-error')).toHaveText(
    'Ange ett tal med högst 5 siffror före decimaltecknet och högst två decimaler, till exempel 1 150,50.',
  );
  await page.getByLabel('Timpris (kr)').fill('');

  // a bid the API refuses (an identity number that is not one) marks that field
  await supplier.selectOption({ index: 1 });
  await page.getByLabel('Konsultens namn').fill('Test Testsson');
  await page.getByLabel('Personnummer').fill('12345');
  for (const [label, days] of [
    ['Legitimation sedan', -2000],
    ['Utdrag från IVO', -10],
    ['Utdrag från HOSP', -10],
    ['HLR-utbildning', -30],
  ] as const)
    await page.getByLabel(label).fill(day(days));
  await press(page, page.getByRole('button', { name: 'Spara anbudet' }));
  const identity = page.getByLabel('Personnummer');
  await expect(identity).toBeFocused();
  await expect(identity).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#bid-pnr-error')).toHaveText(
    'Numret är inte ett giltigt person- eller samordningsnummer. Kontrollera datumet och kontrollsiffran.',
  );
  await expect(page.locator('main')).not.toContainText(/Invalid input|consultantIdentityNumber/);

  // closing the form gives the focus back to the button that opened it
  await press(page, page.getByRole('button', { name: 'Avbryt', exact: true }));
  await expect(page.getByRole('button', { name: 'Registrera anbud' })).toBeFocused();
  expect(await focusedTag()).not.toBe('BODY');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  await noSideScroll(page);
});

test('the order form checks the period as the API does, in its words; an order page is titled by its number', async ({
  page,
  baseURL,
}) => {
  await logInInSwedish(page, DEMO_USERS.unitManager);
  await page.goto('/orders/new');
  const start = page.getByLabel('Första dag');
  const end = page.getByLabel('Sista dag');
  const submit = page.getByRole('button', { name: 'Skicka beställningen' });
  await page.getByLabel('Timmar').fill('160');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && /\/api\/orders(\/|$)/.test(r.url())) sent.push(r.url());
  });

  // a start already passed: refused in the browser with the API's words for its field code
  await start.fill(day(-1));
  await end.fill(day(20));
  await submit.click();
  await expect(start).toBeFocused();
  await expect(page.locator('#of-start-error')).toHaveText(`Datumet får inte vara före i dag, ${day(0)}.`);
  // more than two years ahead
  await start.fill(day(800));
  await end.fill(day(820));
  await expect(page.locator('#of-start-error')).toHaveText(/^Datumet får vara högst \d{4}-\d{2}-\d{2}\.$/);
  // an end before the start, and a period longer than five years
  await start.fill(day(30));
  await end.fill(day(20));
  await expect(page.locator('#of-start-error')).toHaveCount(0);
  await expect(page.locator('#of-end-error')).toHaveText('Slutdatumet får inte vara före startdatumet.');
  await end.fill(day(30 + 1827));
  await expect(page.locator('#of-end-error')).toHaveText('Perioden är för lång (högst 1 827).');
  expect(sent).toEqual([]);

  // an order page names its order in the title, for tabs, history and screen readers
  const { order } = await submittedOrder(baseURL);
  await page.goto(`/orders/${order.id}`);
  await expect(page).toHaveTitle(`Beställning ${order.reference} – Hyrkoll`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle(`Order ${order.reference} – Hyrkoll`);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.goto('/orders');
  await expect(page).toHaveTitle('Beställningar – Hyrkoll');
});
