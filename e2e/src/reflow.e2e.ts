import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

import { submittedOrder } from '../support/api';
import { DEMO_PASSWORD, DEMO_USERS, LoginPage } from '../support/login.page';
import { logInInSwedish, SCREENSHOTS } from '../support/pages';

/**
 * Every page of the app at phone width (WCAG 1.4.10 reflow, 2.4.2 page titled): at 320 CSS px the
 * page never scrolls sideways (a wide table scrolls inside its own frame), axe finds nothing, and
 * the document has the page's own title. Each role walks the pages it may see; the checks are soft,
 * so that one run names every page that fails.
 */

const NARROW = { width: 320, height: 800 };
const PHONE = { width: 390, height: 844 };
const ADMINISTRATOR = 'anders.sjoberg@demo.hyrkoll.se';
const STEERING_GROUP = 'sofia.wikstrom@demo.hyrkoll.se';
/** Used by no other journey, so that storing a language on the account disturbs none. */
const AREA_CHIEF_LAPPLAND = 'per.holmberg@demo.hyrkoll.se';
const FIXTURES = join(__dirname, '../fixtures');

/** Every route's title in Swedish; the test below checks that no two pages share one. */
const TITLES = {
  login: 'Logga in – Hyrkoll',
  orders: 'Beställningar – Hyrkoll',
  orderNew: 'Ny beställning – Hyrkoll',
  order: /^Beställning\b.* – Hyrkoll$/,
  dispensations: 'Dispenser – Hyrkoll',
  dispensation: /^Dispensärende\b.* – Hyrkoll$/,
  organisation: 'Organisation – Hyrkoll',
  notFound: 'Sidan finns inte – Hyrkoll',
  dashboard: 'Uppföljning av hyrpersonal – Hyrkoll',
  boardReport: /^Hyrpersonal – månadsrapport .+ – Hyrkoll$/,
  suppliers: 'Leverantörer – Avtal – Hyrkoll',
  prices: 'Prislista – Avtal – Hyrkoll',
  travelAllowances: 'Reseschablon – Avtal – Hyrkoll',
  zones: 'Priszoner – Avtal – Hyrkoll',
  formerEmployees: 'Tidigare anställda – Avtal – Hyrkoll',
  imports: 'Importer – Hyrkoll',
  purchasedHours: 'Köpta timmar – Hyrkoll',
  users: 'Användare och roller – Administration – Hyrkoll',
  adminOrg: 'Organisation – Administration – Hyrkoll',
  policy: 'Dispenspolicy – Administration – Hyrkoll',
  operations: 'Import- och sammanställningsstatus – Administration – Hyrkoll',
} as const;

/** What sticks out past the right edge of the screen, for the failure message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const widest = Array.from(document.querySelectorAll('body *'))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter(({ right }) => right > root.clientWidth + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({ el, right }) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} → ${Math.round(right)} px`;
      });
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

/** Checks softly that nothing sticks out sideways now (a form just opened, say). */
async function checkReflow(page: Page, name: string): Promise<void> {
  const { scrollWidth, clientWidth, widest } = await overflow(page);
  expect
    .soft(scrollWidth, `${name}: ${scrollWidth} px wide at ${clientWidth} px (${widest.join('; ')})`)
    .toBeLessThanOrEqual(clientWidth);
}

/** Waits for the page's data, then checks reflow, axe and the title softly (every page is named). */
async function checkPage(page: Page, name: string, title: string | RegExp): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByText(/^(Laddar|Loading)/)).toHaveCount(0);
  await expect.soft(page, `${name}: the page's own title`).toHaveTitle(title);
  const { scrollWidth, clientWidth, widest } = await overflow(page);
  expect
    .soft(scrollWidth, `${name}: ${scrollWidth} px wide at ${clientWidth} px (${widest.join('; ')})`)
    .toBeLessThanOrEqual(clientWidth);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect
    .soft(
      violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${name}: axe`,
    )
    .toEqual([]);
}

async function logIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email);
  // at phone width the logout button is behind the menu: wait for the start page instead
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

test.describe('every page at 320 px: no sideways scroll, axe clean, its own title', () => {
  test.use({ viewport: NARROW });

  test('no two pages share a title', () => {
    const texts = Object.values(TITLES).map(String);
    expect(new Set(texts).size).toBe(texts.length);
  });

  test('the login page and a logged-out visit', async ({ page }) => {
    await new LoginPage(page).goto();
    await checkPage(page, 'login', TITLES.login);
  });

  test('the unit manager’s pages: orders, a new order, an order, organisation, a page that does not exist', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const { order } = await submittedOrder(baseURL);
    await logIn(page, DEMO_USERS.unitManager);
    await page.goto('/orders');
    await checkPage(page, '/orders', TITLES.orders);
    await page.goto('/orders/new');
    await checkPage(page, '/orders/new', TITLES.orderNew);
    await page.goto(`/orders/${order.id}`);
    await checkPage(page, '/orders/:id', TITLES.order);
    await page.goto('/organisation');
    await checkPage(page, '/organisation', TITLES.organisation);
    await page.goto('/no-such-page');
    await checkPage(page, 'not found', TITLES.notFound);
  });

  test('the area chief’s pages: the dispensation inbox and a decision page', async ({ page, baseURL }) => {
    test.setTimeout(60_000);
    const { dispensationId } = (await submittedOrder(baseURL)).order;
    expect(dispensationId).not.toBeNull();
    await logIn(page, DEMO_USERS.areaChief);
    await page.goto('/dispensations');
    await checkPage(page, '/dispensations', TITLES.dispensations);
    await page.goto(`/dispensations/${dispensationId}`);
    await checkPage(page, '/dispensations/:id', TITLES.dispensation);
  });

  test('the steering group’s pages: the dashboard and the board report', async ({ page }) => {
    test.setTimeout(90_000);
    // the account's language is English; the switch is in view without the menu on a desktop
    await page.setViewportSize({ width: 1280, height: 800 });
    await logInInSwedish(page, STEERING_GROUP);
    await page.setViewportSize(NARROW);
    await page.goto('/dashboard');
    await checkPage(page, '/dashboard', TITLES.dashboard);
    await page.goto('/dashboard/report');
    await checkPage(page, '/dashboard/report', TITLES.boardReport);
  });

  test('the purchaser’s pages: the agreement, imports with a long file name, purchased hours', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await logIn(page, DEMO_USERS.purchaser);
    for (const [path, title] of [
      ['/agreement/suppliers', TITLES.suppliers],
      ['/agreement/prices', TITLES.prices],
      ['/agreement/travel-allowances', TITLES.travelAllowances],
      ['/agreement/zones', TITLES.zones],
      ['/agreement/former-employees', TITLES.formerEmployees],
      ['/purchased-hours', TITLES.purchasedHours],
    ] as const) {
      await page.goto(path);
      await checkPage(page, path, title);
    }

    // a file name without a single break opportunity once stretched the page to 3 297 px
    await page.goto('/imports');
    await checkPage(page, '/imports', TITLES.imports);
    const longName = `inkopta-timmar-${'heroma_export_'.repeat(16)}2024-11.csv`;
    await page.getByRole('radio', { name: /^Köpta timmar/ }).check();
    await page.getByRole('combobox', { name: 'Källa' }).fill('heroma');
    await page.getByLabel('Fil (CSV, UTF-8)').setInputFiles({
      name: longName,
      mimeType: 'text/csv',
      buffer: readFileSync(join(FIXTURES, 'purchased-hours-bad-row.csv')),
    });
    await page.getByRole('button', { name: 'Ladda upp och importera' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'har inte importerats' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByRole('status').filter({ hasText: longName })).toBeVisible();
    await checkPage(page, '/imports with a long file name', TITLES.imports);
  });

  test('the administrator’s pages and their forms: users, organisation, policy, operations', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await logIn(page, ADMINISTRATOR);
    await page.goto('/admin/users');
    await checkPage(page, '/admin/users', TITLES.users);
    // the role editor's selects hold long unit names: they wrap or shrink, never widen the page
    await page.getByRole('button', { name: 'Ny användare' }).click();
    await expect(page.getByLabel('Enhet', { exact: true })).toBeVisible();
    await checkReflow(page, '/admin/users, new user, unit manager');
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Områdeschef' });
    await expect(page.getByLabel('Område', { exact: true })).toBeVisible();
    await checkReflow(page, '/admin/users, new user, area chief');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await page
      .getByRole('button', { name: /^Ändra (?!Anders)/ })
      .first()
      .click();
    await expect(page.getByLabel('Roll', { exact: true })).toBeVisible();
    await checkReflow(page, '/admin/users, edit user');
    await page.getByRole('button', { name: 'Avbryt' }).click();

    await page.goto('/admin/org');
    await checkPage(page, '/admin/org', TITLES.adminOrg);
    await page.getByRole('button', { name: 'Nytt område' }).click();
    await checkReflow(page, '/admin/org, new area');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await page.getByRole('button', { name: 'Ny enhet' }).click();
    await checkReflow(page, '/admin/org, new unit');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await page
      .getByRole('button', { name: /^Ändra / })
      .last()
      .click();
    await checkReflow(page, '/admin/org, edit unit');
    await page.getByRole('button', { name: 'Avbryt' }).click();

    await page.goto('/admin/policy');
    await checkPage(page, '/admin/policy', TITLES.policy);
    // the 2-step threshold reads as an amount, not as the API's decimal text
    await expect(page.getByLabel('Gräns för beräknad kostnad (kr)')).toHaveValue('500 000');

    await page.goto('/admin/operations');
    await checkPage(page, '/admin/operations', TITLES.operations);
  });
});

test('on a phone the header is one line, and its menu opens and closes by mouse and keyboard', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize(PHONE);
  await logIn(page, 'lena.forsberg@demo.hyrkoll.se'); // two roles: the role switch is in the menu too
  await page.goto('/organisation');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const header = page.getByRole('banner');
  const menu = page.getByRole('button', { name: 'Meny' });
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  const closedHeight = (await header.boundingBox())?.height ?? 999;
  expect(closedHeight, 'the closed header is one line').toBeLessThan(PHONE.height / 10);

  // by keyboard: Enter opens, Tab goes into the menu, Escape closes it and gives the focus back
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`#${await menu.getAttribute('aria-controls')}`)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(nav).toBeHidden();

  // open: navigation, role, language and logout; the page still reflows and axe finds nothing
  await menu.click();
  await expect(nav.getByRole('link', { name: 'Beställningar' })).toBeVisible();
  await expect(page.getByLabel('Roll')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await checkPage(page, 'the open menu at 390 px', /^.+ – Hyrkoll$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-menu-sv.png') });

  // following a link closes the menu
  await nav.getByRole('link', { name: 'Beställningar' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  // on a desktop the bar is as before: no menu button, the navigation in view
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(menu).toBeHidden();
  await expect(nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
});

test('the chosen language is stored on the user: English follows them to a fresh browser', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await logIn(page, AREA_CHIEF_LAPPLAND);
  await expect(page).toHaveTitle('Dispenser – Hyrkoll');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me/locale') && r.status() === 204);
  await page.getByRole('button', { name: 'English' }).click();
  await saved;
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Dispensations – Hyrkoll'); // the title follows the language
  await page.getByRole('button', { name: 'Log out' }).click();

  // a new browser context: no cookie, no local storage; the login page is in Swedish
  const fresh = await browser.newContext({ baseURL, locale: 'sv-SE' });
  const other = await fresh.newPage();
  try {
    await other.goto('/login');
    await expect(other.locator('html')).toHaveAttribute('lang', 'sv');
    await other.getByLabel('E-postadress').fill(AREA_CHIEF_LAPPLAND);
    await other.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await other.getByRole('button', { name: 'Logga in', exact: true }).click();
    await expect(other.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'en');
    await expect(other.getByRole('heading', { level: 1, name: 'Dispensations' })).toBeVisible();
    await expect(other).toHaveTitle('Dispensations – Hyrkoll');

    // back to Swedish, stored too
    const restored = other.waitForResponse(
      (r) => r.url().endsWith('/api/auth/me/locale') && r.status() === 204,
    );
    await other.getByRole('button', { name: 'Svenska' }).click();
    await restored;
    await expect(other).toHaveTitle('Dispenser – Hyrkoll');
  } finally {
    await fresh.close();
  }
});
