import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { OrderDto } from '@hyrkoll/contracts';
import { expect, Page, test } from '@playwright/test';

import { apiSession, type OrderSpec, submitOrder } from '../support/api';
import { DEMO_USERS } from '../support/login.page';
import { expectNoSeriousAxeViolations, logInInSwedish, SCREENSHOTS } from '../support/pages';

/** A small order `weeks` weeks later than the next, for one of the unit manager's units. */
const inWeeks = (weeks: number, costCentre?: string): OrderSpec => ({
  costCentre,
  fromDay: 30 + weeks * 7,
  toDay: 50 + weeks * 7,
  hours: '100',
});

/** The page scrolls sideways when its content is wider than the window. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** `1–25 av 266` → its numbers. */
async function range(page: Page): Promise<{ from: number; to: number; total: number }> {
  const text = (await page.getByText(/^\d+–\d+ av \d+$/).textContent()) ?? '';
  const [from, to, total] = (text.match(/\d+/g) ?? []).map(Number);
  return { from: from ?? NaN, to: to ?? NaN, total: total ?? NaN };
}

test('the purchaser pages the dispensations past 100, keeps filter and sort in the URL and exports every order', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // the demo starts without requests: Johan sends 105 for Storuman (they wait for Per, whom no
  // other journey logs in as), a few at a time
  const johan = await apiSession(baseURL, 'johan.berg@demo.hyrkoll.se');
  for (let batch = 0; batch < 105; batch += 15)
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => submitOrder(johan, inWeeks((batch + i) % 40, '130102'))),
    );
  await johan.context.dispose();

  await logInInSwedish(page, DEMO_USERS.purchaser);
  await page.getByRole('link', { name: 'Dispenser' }).click();
  // the sentence and the pager say the same total once the list has settled
  await expect
    .poll(async () => {
      const total = (await range(page)).total;
      return (
        (await page.locator('.list-total').textContent())?.trim() ===
        `Dispenser som matchar filtret: ${total}.`
      );
    })
    .toBe(true);
  const first = await range(page);
  expect(first.from).toBe(1);
  expect(first.to).toBe(25);
  expect(first.total).toBeGreaterThan(100);

  // a hundred a page, then the next hundred: the list goes on past 100
  await page.getByLabel('Rader per sida').selectOption('100');
  await expect(page.getByText(`1–100 av ${first.total}`)).toBeVisible();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText(`101–${Math.min(200, first.total)} av ${first.total}`)).toBeVisible();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole('table', { name: 'Dispenser' }).getByRole('row')).toHaveCount(
    Math.min(100, first.total - 100) + 1,
  );

  // a filter and a sort go into the URL and survive a reload; back goes to the list before them
  await page.getByLabel('Status').selectOption({ label: 'Under prövning' });
  await expect(page).toHaveURL(/status=UNDER_REVIEW/);
  await expect(page).not.toHaveURL(/page=2/);
  const reviewing = await range(page);
  expect(reviewing.total).toBeGreaterThan(100);
  await page.getByRole('button', { name: /Beräknad kostnad/ }).click();
  await expect(page).toHaveURL(/sort=estimate&dir=asc|dir=asc.*sort=estimate/);
  const header = page.getByRole('columnheader', { name: /Beräknad kostnad/ });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const firstRow = await page.getByRole('table', { name: 'Dispenser' }).getByRole('row').nth(1).textContent();
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('UNDER_REVIEW');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByText(`1–${Math.min(100, reviewing.total)} av ${reviewing.total}`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Dispenser' }).getByRole('row').nth(1)).toHaveText(
    firstRow ?? '',
  );
  await page.goBack();
  await expect(header).not.toHaveAttribute('aria-sort', /ascending|descending/);
  await expect(page.getByLabel('Status')).toHaveValue('UNDER_REVIEW');

  // the orders' CSV holds as many rows as the filter selects, beyond the page shown
  await page.getByRole('link', { name: 'Beställningar' }).click();
  const orders = await range(page);
  expect(orders.total).toBeGreaterThan(100);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const file = await (await download).path();
  const lines = (await readFile(file, 'utf8')).split('\r\n').filter((line) => line.length > 0);
  expect(lines[0]).toContain('Referens');
  expect(lines.length - 1).toBe(orders.total);
  await page.getByLabel('Status').selectOption({ label: 'Väntar på dispens' });
  await expect(page).toHaveURL(/status=AWAITING_DISPENSATION/);
  const inProgress = await range(page);
  expect(inProgress.total).toBeGreaterThan(100);
  const filtered = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const filteredLines = (await readFile(await (await filtered).path(), 'utf8'))
    .split('\r\n')
    .filter((line) => line.length > 0);
  expect(filteredLines.length - 1).toBe(inProgress.total);
});

test('the area chief sees what waits in the navigation, and the purchaser publishes several orders at once', async ({
  page,
  baseURL,
}) => {
  const eva = await apiSession(baseURL, DEMO_USERS.unitManager);
  const made = [];
  for (const weeks of [1, 2, 3, 4]) made.push(await submitOrder(eva, inWeeks(weeks)));
  await eva.context.dispose();
  const [a, b, c, d] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0], (typeof made)[0]];

  // the area chief's navigation counts what waits for her decision, and drops after one
  await logInInSwedish(page, DEMO_USERS.areaChief);
  const badge = page.getByRole('navigation').getByText(/\d+ väntar på ditt beslut/);
  await expect(badge).toBeVisible();
  const before = Number(((await badge.textContent()) ?? '').match(/\d+/)?.[0]);
  expect(before).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole('link', { name: `Dispenser ${before} väntar på ditt beslut` })).toBeVisible();
  await page.getByRole('link', { name: /Dispenser/ }).click();
  await expect(page.getByRole('table', { name: 'Väntar på ditt beslut' })).toBeVisible();
  await page.goto(`/dispensations/${d.dispensation.id}`);
  await page
    .getByLabel(/^Kommentar/)
    .first()
    .fill('Komplettera med vilka vikarier som tillfrågats');
  await page.getByRole('button', { name: 'Återremittera' }).click();
  await expect(page.getByRole('navigation').getByText(`${before - 1} väntar på ditt beslut`)).toBeVisible();
  // a link to returned ones shows them, though her list otherwise opens on what waits for her
  await page.goto('/dispensations?status=RETURNED');
  await expect(page.getByRole('table', { name: 'Dispenser' }).getByText(d.order.reference)).toBeVisible();
  // a link with a value the list cannot use shows the list without it, not an error to retry
  await page.goto('/orders?status=BOGUS&areaId=xyz');
  await expect(page.locator('.list-total')).toBeVisible();
  await expect(page.getByText(/Försök igen/)).toHaveCount(0);

  // three approved, one of which someone else publishes while the purchaser chooses
  const maria = await apiSession(baseURL, DEMO_USERS.areaChief);
  for (const { dispensation } of [a, b, c])
    await maria.post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version });
  await maria.context.dispose();

  await logInInSwedish(page, DEMO_USERS.purchaser);
  const toPublish = page.getByRole('navigation').getByText(/\d+ att publicera/);
  await expect(toPublish).toBeVisible();
  const waitingBefore = Number(((await toPublish.textContent()) ?? '').match(/\d+/)?.[0]);
  await page.goto('/orders?status=APPROVED&pageSize=100');
  // choose all of the page by keyboard, then none again
  const all = page.getByRole('checkbox', { name: /Välj alla som kan publiceras på sidan/ });
  await all.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: `Välj ${a.order.reference}` })).toBeChecked();
  await expect(page.getByRole('button', { name: /Publicera valda \([3-9]|\d{2,}\)/ })).toBeEnabled();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Publicera valda (0)' })).toBeDisabled();
  for (const { order } of [a, b, c]) {
    const box = page.getByRole('checkbox', { name: `Välj ${order.reference}` });
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  const lars = await apiSession(baseURL, DEMO_USERS.purchaser);
  const current = (await (await lars.context.get(`/api/orders/${c.order.id}`)).json()) as OrderDto;
  await lars.post(`/api/orders/${c.order.id}/publish`, { version: current.version });
  await lars.context.dispose();

  await page.getByRole('button', { name: 'Publicera valda (3)' }).click();
  const outcome = page.getByRole('status').filter({ hasText: 'publicerades' });
  await expect(outcome).toContainText('2 av de valda beställningarna publicerades.');
  await expect(outcome).toContainText('1 publicerades inte:');
  await expect(outcome).toContainText(
    `${c.order.reference}: Någon annan hann före: beställningen är nu Publicerad.`,
  );
  await expect(outcome).toBeFocused();
  await expect(page.getByRole('checkbox', { name: `Välj ${a.order.reference}` })).toHaveCount(0);
  const left = waitingBefore - 3;
  if (left > 0) await expect(page.getByRole('navigation').getByText(`${left} att publicera`)).toBeVisible();
  else await expect(page.getByRole('navigation').getByText(/att publicera/)).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

test('at phone width the inbox is cards and neither list scrolls the page sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await logInInSwedish(page, DEMO_USERS.areaChief);
  await page.goto('/dispensations?mine=0');
  const table = page.getByRole('table', { name: 'Dispenser' });
  const card = table.getByRole('row').nth(1);
  await expect(card).toBeVisible();
  expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe('block');
  // every part of the card, cost, waiting time and status included, is on the screen
  for (const cell of await card.getByRole('cell').all()) {
    const box = await cell.boundingBox();
    expect(
      box && box.x >= 0 && box.x + box.width <= 390,
      `${await cell.textContent()}: ${JSON.stringify(box)}`,
    ).toBe(true);
  }
  await expect(card).toContainText(/kr/);
  // the waiting time: days while a step waits, a dash once decided
  await expect(card).toContainText(/\d+ dagar|–/);
  await expect(card).toContainText(
    /Under prövning|Beviljad|Avslagen|Återremitterad|Tillbakadragen|Utgången|Återkallad|Inskickad/,
  );
  await expect(card.getByRole('link')).toBeVisible();
  expect(await scrollsSideways(page)).toBe(false);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'dispensation-inbox-390.png'), fullPage: false });
  // the cards have no header to sort by: the sort is chosen above them, into the URL
  await page.getByLabel('Sortera efter').selectOption({ label: 'Beräknad kostnad, fallande' });
  await expect(page).toHaveURL(/sort=estimate/);
  await expect(page).toHaveURL(/dir=desc/);

  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/orders');
  await expect(page.getByRole('table', { name: 'Beställningar' }).getByRole('row').nth(1)).toBeVisible();
  expect(await scrollsSideways(page)).toBe(false);
  await page.goto('/dispensations?mine=0');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  expect(await scrollsSideways(page)).toBe(false);
});

test('a page past the end of a list shows its last page, and the address says so', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // more than one page of dispensations and orders, whatever ran before
  const eva = await apiSession(baseURL, DEMO_USERS.unitManager);
  for (let batch = 0; batch < 30; batch += 10)
    await Promise.all(Array.from({ length: 10 }, (_, i) => submitOrder(eva, inWeeks((batch + i) % 40))));
  await eva.context.dispose();

  await logInInSwedish(page, DEMO_USERS.purchaser);
  for (const [list, caption] of [
    ['/orders', 'Beställningar'],
    ['/dispensations', 'Dispenser'],
  ] as const) {
    await page.goto(list);
    await expect(page.getByRole('table', { name: caption })).toBeVisible();
    const first = await range(page);
    expect(first.total, `${list}: more than a page`).toBeGreaterThan(25);
    const last = Math.ceil(first.total / 25);
    await page.goto(`${list}?page=99999`);
    await expect(page).toHaveURL(new RegExp(`[?&]page=${last}(&|$)`));
    await expect(page.getByText(`${(last - 1) * 25 + 1}–${first.total} av ${first.total}`)).toBeVisible();
    await expect(page.getByRole('table', { name: caption }).getByRole('row')).not.toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Nästa' })).toBeDisabled();
    // the address was corrected, not added to: Back leads to the list before
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${list}$`));
  }
});

test('the keyboard keeps its place when it pages or sorts a list, at desktop and phone width', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // more than two pages of orders, whatever ran before
  const eva = await apiSession(baseURL, DEMO_USERS.unitManager);
  const purchaser = await apiSession(baseURL, DEMO_USERS.purchaser);
  const count = async () =>
    ((await (await purchaser.context.get('/api/orders?pageSize=25')).json()) as { total: number }).total;
  while ((await count()) <= 60)
    await Promise.all(Array.from({ length: 10 }, (_, i) => submitOrder(eva, inWeeks(i))));
  await eva.context.dispose();
  await purchaser.context.dispose();
  await logInInSwedish(page, DEMO_USERS.purchaser);
  const focused = (name: string | RegExp) => expect(page.getByRole('button', { name })).toBeFocused();
  await page.goto('/orders');
  const orders = page.getByRole('table', { name: 'Beställningar' });
  await expect(orders.getByRole('row').nth(1)).toBeVisible();
  const { total } = await range(page);
  // the next page: the focus stays on Nästa
  await page.getByRole('button', { name: 'Nästa' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText(/^26–\d+ av \d+$/)).toBeVisible();
  await focused('Nästa');
  // to the last page: Nästa is disabled there, and the focus goes to the pager
  const last = Math.ceil(total / 25);
  await page.goto(`/orders?page=${last - 1}`);
  await expect(page.getByText(`${(last - 2) * 25 + 1}–${(last - 1) * 25} av ${total}`)).toBeVisible();
  await page.getByRole('button', { name: 'Nästa' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Nästa' })).toBeDisabled();
  await expect(page.getByRole('navigation', { name: 'Sidor: Beställningar' })).toBeFocused();
  // a sortable column header keeps the focus while the sorted list loads
  for (const [list, caption, header] of [
    ['/orders', 'Beställningar', /^Referens/],
    ['/dispensations?view=all', 'Dispenser', /^Beställning/],
  ] as const) {
    await page.goto(list);
    await expect(page.getByRole('table', { name: caption }).getByRole('row').nth(1)).toBeVisible();
    await page.getByRole('button', { name: header }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=reference/);
    await expect(page.getByRole('columnheader', { name: header })).toHaveAttribute('aria-sort', 'ascending');
    await focused(header);
  }
  // on a phone the sort is a select: it keeps the focus too
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/orders');
  await expect(orders.getByRole('row').nth(1)).toBeVisible();
  const sort = page.getByLabel('Sortera efter');
  await sort.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/sort=/);
  await expect(orders.getByRole('row').nth(1)).toBeVisible();
  await expect(sort).toBeFocused();
});

test('the inbox offers an area chief only her own area, and says so of another area in the address', async ({
  page,
  baseURL,
}) => {
  const maria = await apiSession(baseURL, DEMO_USERS.areaChief);
  const areas = (await (await maria.context.get('/api/org/areas')).json()) as { id: string; code: string }[];
  await maria.context.dispose();
  const other = areas.find((a) => a.code !== 'NSO-SKE');
  expect(other, 'an area besides her own').toBeDefined();
  await logInInSwedish(page, DEMO_USERS.areaChief);
  await page.goto('/dispensations?mine=0');
  await expect(page.getByRole('table', { name: 'Dispenser' }).getByRole('row').nth(1)).toBeVisible();
  // one area in her scope: nothing to choose between, so no area filter
  await expect(page.locator('#inbox-area')).toHaveCount(0);
  await expect(page.getByText('utanför det din roll får se')).toHaveCount(0);
  await page.goto(`/dispensations?mine=0&areaId=${other?.id}`);
  await expect(page.getByRole('status').filter({ hasText: 'utanför det din roll får se' })).toBeVisible();
});

test('a table is a tab stop only while it scrolls sideways, and axe finds nothing either way', async ({
  page,
}) => {
  await logInInSwedish(page, DEMO_USERS.purchaser);
  await page.goto('/agreement/prices');
  await expect(page.getByRole('table', { name: 'Prislista' })).toBeVisible();
  const frame = page.getByRole('group', { name: 'Prislista', exact: true });
  // wide: the table fits, and Tab goes from the filters straight to the table's own buttons
  await expect(frame).not.toHaveAttribute('tabindex');
  expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expectNoSeriousAxeViolations(page);
  // on a phone the table scrolls in its frame, which then takes the focus to be scrolled
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(frame).toHaveAttribute('tabindex', '0');
  expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectNoSeriousAxeViolations(page);
  // wide again: no longer a stop
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(frame).not.toHaveAttribute('tabindex');
});
