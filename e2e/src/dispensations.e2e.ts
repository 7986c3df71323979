import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { DispensationDto, MeDto } from '@hyrkoll/contracts';
import { expect, test } from '@playwright/test';

import { apiSession, type SubmittedOrder, submittedOrder } from '../support/api';
import { daysFromToday } from '../support/dates';
import { DEMO_USERS, LoginPage } from '../support/login.page';
import { logInInSwedish, logOut } from '../support/pages';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');
const day = (n: number) => daysFromToday(n);
/** A translation key shown instead of its text, e.g. `dispensations.status.APPROVED`. */
const RAW_KEY = /\b(orders|orderStatus|dispensations|common|rule|serverProblem)\.[\w.]+/;

test('the area chief finds the waiting dispensation in the inbox and approves it with conditions', async ({
  page,
  baseURL,
}) => {
  // the unit manager submits an order through the API, in a session of her own
  const { order: draft } = await submittedOrder(baseURL);

  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.areaChief);
  await page.getByRole('link', { name: 'Dispenser' }).click();
  const waiting = page.getByRole('table', { name: 'Väntar på ditt beslut' });
  const row = waiting.getByRole('row', { name: new RegExp(draft.reference) });
  await expect(row).toContainText('Anställningsstopp');
  await expect(row).toContainText('Under prövning (steg 1 av 1)');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dispensation-inbox-sv.png'), fullPage: true });

  await row.getByRole('link', { name: draft.reference }).click();
  // the case is named by its order in the title, for tabs, history and screen readers
  await expect(page).toHaveTitle(`Dispensärende ${draft.reference} – Hyrkoll`);
  await expect(page.getByText('Förlossningen saknar barnmorskor i juli')).toBeVisible();
  await page.getByLabel('Villkor').fill('Uppföljning efter två veckor');
  await page.getByLabel('Högsta antal timmar').fill('150');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dispensation-decision-sv.png'), fullPage: true });

  await page.getByRole('button', { name: 'Återremittera' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kommentar: Fyll i fältet.');
  await expect(page.getByLabel(/^Kommentar/)).toBeFocused();
  await page.getByRole('button', { name: 'Bevilja' }).click();
  await page.getByRole('button', { name: 'Ja, bevilja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  await expect(page.getByText('Maria Nilsson: beviljade')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Villkor i beslutet' })).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: 'Uppföljning efter två veckor' }),
  ).toBeVisible();
});

/** The unit manager orders through the API and submits with a justification: the dispensation. */
function requestDispensation(
  baseURL: string | undefined,
  { days, ...order }: { profession: string; competenceLevel: string; hours: string; days: number },
): Promise<SubmittedOrder> {
  return submittedOrder(baseURL, { ...order, toDay: 30 + days });
}

test('Enter in a field of the decision form decides nothing; the approval shows its terms', async ({
  page,
  baseURL,
}) => {
  const { dispensation } = await requestDispensation(baseURL, {
    profession: 'BARNMORSKA',
    competenceLevel: 'LEGITIMERAD',
    hours: '120',
    days: 30,
  });
  const decisions: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/dispensations\/[^/]+\/\w+$/.test(r.url())) decisions.push(r.url());
  });
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.areaChief);
  await expect(page).not.toHaveURL(/login/);
  await page.goto(`/dispensations/${dispensation.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Under prövning');

  // the session ends mid-decision (logged out elsewhere): back to this page after logging in,
  // the comment kept, and never a login address inside the return address
  await page.locator('#dc-comment').fill('Skrivet före utloggningen');
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Avslå', exact: true }).click();
  await page.getByRole('button', { name: 'Ja, avslå' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/login\\?returnUrl=%2Fdispensations%2F${dispensation.id}&expired=1$`),
  );
  await login.logIn(DEMO_USERS.areaChief);
  await expect(page).toHaveURL(new RegExp(`/dispensations/${dispensation.id}$`));
  await expect(page.locator('#dc-comment')).toHaveValue('Skrivet före utloggningen');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Under prövning');
  decisions.length = 0;

  for (const label of ['Villkor', 'Delegationsbeslut', 'Högsta antal timmar']) {
    await page.getByLabel(label).fill(label === 'Högsta antal timmar' ? '100' : `${label} enligt beslut`);
    await page.getByLabel(label).press('Enter');
  }
  // the last day the order's period (30 days from day 30) allows without the margin
  await page.getByLabel('Gäller till').fill(day(60));
  await page.getByLabel('Gäller till').press('Enter');
  // give a decision that Enter might have sent the time to arrive
  await page.waitForTimeout(500);
  expect(decisions).toEqual([]);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Under prövning');

  // a keyboard user reaches the approval with Tab and presses it with Enter
  await page.getByLabel('Delegationsbeslut').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Bevilja' })).toBeFocused();
  await page.keyboard.press('Enter');
  // the approval asks first; Enter in the confirmation decides nothing either, only its button
  const confirmation = page.getByRole('group', { name: 'Bevilja dispensen med det här beslutet?' });
  await expect(confirmation).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  expect(decisions).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ja, bevilja' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  expect(decisions).toHaveLength(1);
  const terms = page.getByRole('definition');
  await expect(terms.filter({ hasText: 'Villkor enligt beslut' })).toBeVisible();
  await expect(terms.filter({ hasText: 'Delegationsbeslut enligt beslut' })).toBeVisible();
  await expect(terms.filter({ hasText: /^\s*100 h\s*$/ })).toBeVisible();

  // rejecting and revoking ask first, in the page
  await page.getByRole('button', { name: 'Återkalla' }).click();
  const reason = page.getByLabel('Skäl till återkallelsen (krävs)');
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAccessibleDescription('Fyll i fältet.');
  await page.getByLabel('Skäl till återkallelsen (krävs)').fill('Tjänsten är tillsatt');
  await page.getByRole('button', { name: 'Återkalla' }).click();
  await expect(page.getByRole('button', { name: 'Ja, återkalla' })).toBeFocused();
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  expect(decisions).toHaveLength(1);
});

test('the step-2 decider sees the terms step 1 gave, in the form too, and a late decision is shown as such', async ({
  page,
  baseURL,
}) => {
  // above the policy's cost threshold (500 000 kr): two steps
  const { dispensation } = await requestDispensation(baseURL, {
    profession: 'LAKARE',
    competenceLevel: 'SPECIALIST',
    hours: '480',
    days: 60,
  });
  expect(dispensation.stepsRequired).toBe(2);

  // the area chief grants step 1 in the page: it says where the dispensation goes now
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.areaChief);
  await expect(page).not.toHaveURL(/login/);
  await page.goto(`/dispensations/${dispensation.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Det här ska beslutas' })).toBeVisible();
  await page.getByLabel('Villkor').fill('Uppföljning varannan vecka');
  await page.getByLabel('Gäller från').fill(day(30));
  await page.getByLabel('Gäller till').fill(day(90));
  await page.getByLabel('Högsta antal timmar').fill('400');
  await page.getByLabel('Delegationsbeslut').fill('DEL-2026-17');
  await page.getByRole('button', { name: 'Bevilja', exact: true }).click();
  await page.getByRole('button', { name: 'Ja, bevilja' }).click();
  await expect(page.locator('#dc-next-step')).toHaveText(
    /^\s*Steg 1 är beviljat\. Dispensen går nu vidare till steg 2 av 2, som beslutas av hälso- och sjukvårdsdirektören \(.*Karin Ek.*\)\.\s*$/,
  );
  await logOut(page);

  await login.goto();
  await login.logIn('karin.ek@demo.hyrkoll.se');
  await expect(page).not.toHaveURL(/login/);
  await page.goto(`/dispensations/${dispensation.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Villkor från steg 1' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Uppföljning varannan vecka' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'DEL-2026-17' })).toBeVisible();
  await expect(page.getByText('ett fält som lämnas tomt behåller värdet från steg 1')).toBeVisible();
  await expect(page.getByLabel('Villkor')).toHaveValue('Uppföljning varannan vecka');
  await expect(page.getByLabel('Gäller till')).toHaveValue(day(90));
  await expect(page.getByLabel('Delegationsbeslut')).toHaveValue('DEL-2026-17');

  // someone else decides step 2 first (here: the same director in another session)
  const karin = await apiSession(baseURL, 'karin.ek@demo.hyrkoll.se');
  const current = (await (
    await karin.context.get(`/api/dispensations/${dispensation.id}`)
  ).json()) as DispensationDto;
  const other = await karin.context.post(`/api/dispensations/${dispensation.id}/approve`, {
    headers: karin.headers,
    data: { version: current.version },
  });
  expect(other.status()).toBe(200);
  await karin.context.dispose();

  await page.getByLabel('Villkor').fill('Uppföljning varje vecka');
  await page.getByRole('button', { name: 'Bevilja' }).click();
  await page.getByRole('button', { name: 'Ja, bevilja' }).click();
  await expect(page.getByRole('alert')).toHaveText('Någon annan hann före: dispensen är nu beviljad.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  await expect(page.getByRole('button', { name: 'Bevilja' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Villkor i beslutet' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Uppföljning varannan vecka' })).toBeVisible();
  // decided: the facts are headed as what was decided
  await expect(page.getByRole('heading', { level: 2, name: 'Det här beslutades' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Det här ska beslutas' })).toHaveCount(0);
});

test('a returned dispensation is answered from its page with the justification filled in', async ({
  page,
  baseURL,
}) => {
  const { dispensation } = await requestDispensation(baseURL, {
    profession: 'BARNMORSKA',
    competenceLevel: 'LEGITIMERAD',
    hours: '100',
    days: 30,
  });
  const maria = await apiSession(baseURL, DEMO_USERS.areaChief);
  const returned = await maria.context.post(`/api/dispensations/${dispensation.id}/return`, {
    headers: maria.headers,
    data: { version: dispensation.version, comment: 'Beskriv vad poolen har svarat' },
  });
  expect(returned.status()).toBe(200);
  await maria.context.dispose();

  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.unitManager);
  await expect(page).not.toHaveURL(/login/);
  await page.goto(`/dispensations/${dispensation.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Återremitterad');
  await expect(page.getByText('Beskriv vad poolen har svarat')).toBeVisible();
  const tried = page.getByLabel('Alternativ som prövats');
  await expect(tried).toHaveValue('Poolen är fullbokad; övertid räcker inte');
  await expect(page.getByLabel('Patientsäkerhetsbehov')).toHaveValue(
    'Förlossningen saknar barnmorskor i juli',
  );
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);

  // checked in the browser as the API checks it, in the words of its field code, at the field
  await tried.fill('kort');
  await page.getByRole('button', { name: 'Skicka in igen' }).click();
  await expect(tried).toBeFocused();
  await expect(tried).toHaveAttribute('aria-invalid', 'true');
  await expect(tried).toHaveAccessibleDescription('Skriv minst 10 tecken.');
  await expect(page.locator('#dc-tried-error')).toHaveText('Skriv minst 10 tecken.');
  await tried.fill('Poolen är fullbokad till september; övertid räcker till två veckor');
  await page.getByRole('button', { name: 'Skicka in igen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Under prövning');
  await expect(page.getByText('Poolen är fullbokad till september')).toBeVisible();

  // still before a decision: the request can be withdrawn, after a confirmation in the page
  await page.getByRole('button', { name: 'Ta tillbaka begäran' }).click();
  await page.getByRole('button', { name: 'Ja, ta tillbaka' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tillbakadragen');
});

test('the decision page and the inbox read their texts from the dispensations scope, in Swedish and in English', async ({
  page,
  baseURL,
}) => {
  const { order, dispensation } = await requestDispensation(baseURL, {
    profession: 'BARNMORSKA',
    competenceLevel: 'LEGITIMERAD',
    hours: '90',
    days: 20,
  });
  await logInInSwedish(page, DEMO_USERS.areaChief);
  // the area chief approves in the page's own session
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeDto;
  const approved = await page.request.post(`/api/dispensations/${dispensation.id}/approve`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { version: dispensation.version, conditions: 'Uppföljning efter en vecka' },
  });
  expect(approved.status()).toBe(200);
  // opened straight from its address: the scope is loaded before anything is shown
  await page.goto(`/dispensations/${dispensation.id}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(new RegExp(`^\\s*Dispens för ${order.reference}\\s+Beviljad\\s*$`));
  await expect(page.getByRole('term').filter({ hasText: 'Patientsäkerhetsbehov' })).toBeVisible();
  await expect(page.getByText('Maria Nilsson: beviljade')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading).toHaveText(new RegExp(`^\\s*Dispensation for ${order.reference}\\s+Approved\\s*$`));
  await expect(page.getByRole('term').filter({ hasText: 'Patient-safety need' })).toBeVisible();
  await expect(page.getByText('Maria Nilsson: approved')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Terms of the decision' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);

  await page.getByRole('link', { name: 'Back to the dispensations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dispensations' })).toBeVisible();
  // the inbox shows a decider what waits for them; the decided ones are under "all"
  await page.getByLabel('Show').selectOption({ label: 'All dispensations' });
  await expect(page.getByRole('row', { name: new RegExp(order.reference) })).toContainText('Approved');
  await expect(page.getByRole('columnheader', { name: 'Estimated cost' }).first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RAW_KEY);
});

test('a decision is deliberate: the area chief decides at 390 px by keyboard; the others see who decides', async ({
  page,
  baseURL,
}) => {
  const { dispensation } = await requestDispensation(baseURL, {
    profession: 'BARNMORSKA',
    competenceLevel: 'LEGITIMERAD',
    hours: '150',
    days: 30,
  });
  const decisions: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/dispensations\/[^/]+\/\w+$/.test(r.url())) decisions.push(r.url());
  });
  const noSidewaysScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const whoDecides = /Steg 1 av 1 beslutas av områdeschefen för NSO Skellefteå \(.*Maria Nilsson.*\)/;

  // the requester and the purchaser: the state and who decides, no decision form
  for (const user of [DEMO_USERS.unitManager, DEMO_USERS.purchaser]) {
    await logInInSwedish(page, user);
    await page.goto(`/dispensations/${dispensation.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Under prövning');
    await expect(page.getByText(whoDecides)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Bevilja' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Beslut', exact: true })).toHaveCount(0);
    await logOut(page);
  }

  await logInInSwedish(page, DEMO_USERS.areaChief);
  // at phone width from here (logging in and out above uses the top bar's button, which the
  // phone layout keeps in its menu)
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/dispensations/${dispensation.id}`);
  await expect(page.getByText(whoDecides)).toContainText('Beslutet är ditt.');
  // what is decided, without opening the order
  const facts = page.getByRole('definition');
  await expect(facts.filter({ hasText: 'Hälsocentral Kåge (NSO Skellefteå)' })).toBeVisible();
  await expect(facts.filter({ hasText: 'Barnmorska, legitimerad' })).toBeVisible();
  await expect(facts.filter({ hasText: `${day(30)} – ${day(60)}` })).toBeVisible();
  await expect(facts.filter({ hasText: /^\s*150 h\s*$/ })).toBeVisible();
  await expect(
    page.getByText(/^\s*Arvode \(priszon 2\):\s+[\d\s]+kr\/h × 150 h =\s+[\d\s]+kr\s*$/),
  ).toBeVisible();
  await expect(page.getByText(/^\s*Reseschablon: [\d\s]+kr\s*$/)).toBeVisible();
  await expect(page.getByText(/^\s*Totalt: [\d\s]+kr\s*$/)).toBeVisible();
  await expect(facts.filter({ hasText: 'Anställningsstopp' })).toBeVisible();
  await expect(facts.filter({ hasText: 'Poolen är fullbokad; övertid räcker inte' })).toBeVisible();
  // one Beslut heading; the opening of the review is the system's, the request Eva's
  await expect(page.getByRole('heading', { name: 'Beslut', exact: true })).toHaveCount(1);
  await expect(page.getByText('Hyrkoll (automatiskt): dispensen lämnades för prövning')).toBeVisible();
  await expect(page.getByText('Eva Lindqvist: ansökte om dispens')).toBeVisible();
  await expect(page.getByText('Eva Lindqvist: dispensen lämnades för prövning')).toHaveCount(0);
  expect(await noSidewaysScroll()).toBe(true);

  // three actions that differ in fill, border and icon, not in colour alone
  const looks = await page.locator('#dc-approve, #dc-return, #dc-reject').evaluateAll((buttons) =>
    buttons.map((b) => {
      const style = getComputedStyle(b);
      return {
        fill: style.backgroundColor,
        border: style.borderStyle,
        icon: b.querySelector('[aria-hidden="true"]')?.textContent,
      };
    }),
  );
  expect(new Set(looks.map((l) => l.icon)).size).toBe(3);
  expect(new Set(looks.map((l) => `${l.fill} ${l.border}`)).size).toBe(3);

  // by keyboard: a cap too large is shown at its field, and the focus goes there
  const approve = page.getByRole('button', { name: 'Bevilja', exact: true });
  await page.getByLabel('Villkor').focus();
  await page.keyboard.type('Uppföljning efter två veckor');
  await page.keyboard.press('Enter');
  await page.getByLabel('Högsta antal timmar').focus();
  await page.keyboard.type('99999999');
  await page.getByLabel('Delegationsbeslut').focus();
  await page.keyboard.press('Tab');
  await expect(approve).toBeFocused();
  await page.keyboard.press('Enter');
  const hoursCap = page.getByLabel('Högsta antal timmar');
  await expect(hoursCap).toBeFocused();
  await expect(hoursCap).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#dc-hours-error')).toContainText('högst 6 siffror');
  await expect(page.getByRole('alert')).toContainText('Högsta antal timmar');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150');
  await page.getByLabel('Delegationsbeslut').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  // the confirmation sums up the decision; Enter does nothing there, Escape cancels
  const confirmation = page.getByRole('group', { name: 'Bevilja dispensen med det här beslutet?' });
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toContainText('Bevilja (steg 1 av 1)');
  await expect(confirmation).toContainText('Uppföljning efter två veckor');
  await expect(confirmation).toContainText(`${day(30)} – ${day(60)}`);
  await expect(confirmation).toContainText('150 h');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(confirmation).toHaveCount(0);
  await expect(approve).toBeFocused();
  expect(decisions).toEqual([]);

  // at 320 px nothing scrolls sideways, the confirmation included; only its button decides
  await page.setViewportSize({ width: 320, height: 800 });
  await page.keyboard.press('Enter');
  await expect(confirmation).toBeFocused();
  expect(await noSidewaysScroll()).toBe(true);
  // a change made while the confirmation is open (back in a field) closes it: what is summed up is
  // always what is sent
  await hoursCap.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('120');
  await expect(confirmation).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'bekräftelsen var öppen' })).toBeVisible();
  await approve.focus();
  await page.keyboard.press('Enter');
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toContainText('120 h');
  expect(decisions).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ja, bevilja' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  expect(decisions).toHaveLength(1);
  await expect(page.getByRole('definition').filter({ hasText: /^\s*120 h\s*$/ })).toBeVisible();
  await expect(page.getByText('Maria Nilsson: beviljade dispensen')).toBeVisible();
  expect(await noSidewaysScroll()).toBe(true);
});
