import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

import AxeBuilder from '@axe-core/playwright';
import type { DispensationDto, MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { APIRequestContext, expect, Page, request as playwrightRequest, test } from '@playwright/test';
import { Workbook } from 'exceljs';

import { daysFromToday } from '../support/dates';
import { DEMO_PASSWORD, DEMO_USERS, LoginPage } from '../support/login.page';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

/** The steering group's demo account (read-only, whole region; its language setting is English). */
const STEERING_GROUP = 'sofia.wikstrom@demo.hyrkoll.se';
const HEALTHCARE_DIRECTOR = 'karin.ek@demo.hyrkoll.se';

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => ['serious', 'critical'].includes(v.impact ?? ''))).toEqual([]);
}

/** Logs in and makes sure the interface is in Swedish, whatever the account's own language. */
async function logInInSwedish(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email);
  await expect(page.getByRole('button', { name: /Logga ut|Log out/ })).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== 'sv') {
    await page.getByRole('button', { name: 'Svenska' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
}

/** The current month in Swedish time, as the dispensation register books a grant. */
function currentMonth(): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

async function session(
  baseURL: string | undefined,
  email: string,
): Promise<{ api: APIRequestContext; me: MeDto }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const me = (await (
    await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })
  ).json()) as MeDto;
  return { api, me };
}

test('the steering group reads the SKR measure, opens a chart as a table, filters, shares and exports', async ({
  page,
}) => {
  await logInInSwedish(page, STEERING_GROUP);
  await page.getByRole('link', { name: 'Uppföljning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uppföljning av hyrpersonal' })).toBeVisible();

  // the key figures of the latest month with data (October 2024), as in the region's board report
  await expect(page.getByRole('heading', { name: 'Nyckeltal oktober 2024 – Hela regionen' })).toBeVisible();
  const ratioTile = page.locator('[data-tile="ratio"]');
  await expect(ratioTile).toContainText('4,0 %');
  await expect(ratioTile).toContainText('Mål: högst 2 %');
  await expect(ratioTile).toContainText('2,0 procentenheter över målet');
  const costTile = page.locator('[data-tile="cost-ytd"]');
  await expect(costTile.getByRole('heading')).toHaveText('Kostnad hyrpersonal jan.–okt. 2024');
  await expect(costTile.getByRole('listitem').filter({ hasText: 'Sjuksköterska/barnmorska' })).toHaveText(
    'Sjuksköterska/barnmorska −5,9 Mkr (−10,9 %)',
  );
  await expect(costTile.getByRole('listitem').filter({ hasText: 'Läkare' })).toHaveText(
    'Läkare −1,3 Mkr (−0,7 %)',
  );

  // every chart is an image with a summary in words, and its numbers are a table away
  const ratioPanel = page.getByRole('region', {
    name: 'Kostnaden för hyrpersonal / kostnaden för egen personal R12 (SKR-måttet)',
  });
  await expect(ratioPanel.locator('[role="img"]')).toHaveAttribute(
    'aria-label',
    /SKR-måttet R12 för Hela regionen från januari 2022 till oktober 2024: .* och 4,0\s% i slutet av perioden\. Målet är 2\s%\./,
  );
  await expect(ratioPanel.locator('svg')).toBeVisible();
  await ratioPanel.getByText('Visa som tabell').click();
  const ratioTable = ratioPanel.getByRole('table', {
    name: 'SKR-måttet R12 per månad, Hela regionen, jan. 2022–okt. 2024',
  });
  await expect(ratioTable.getByRole('columnheader')).toHaveText([
    'Månad',
    'Kostnad hyrpersonal R12 (kr)',
    'Kostnad egen personal R12 (kr)',
    'SKR-måttet R12',
    'Mål',
  ]);
  const october = ratioTable.getByRole('row').filter({ hasText: 'oktober 2024' });
  await expect(october.getByRole('rowheader')).toHaveText('oktober 2024');
  await expect(october.getByRole('cell')).toHaveText([
    '292 800 000 kr',
    '7 310 000 000 kr',
    '4,01 %',
    '2,00 %',
  ]);
  for (const name of [
    'Kostnader hyrpersonal per månad',
    'Kostnader hyrpersonal R12',
    'Kostnaden för hyrpersonal R12 per område (Mkr)',
    'Köpta timmar per månad',
    'Nationell jämförelse – andel hyrpersonal per region',
  ]) {
    await expect(page.getByRole('region', { name }).locator('[role="img"]')).toHaveAttribute(
      'aria-label',
      /.{40,}/,
    );
  }
  await expect(
    page
      .getByRole('region', { name: 'Nationell jämförelse – andel hyrpersonal per region' })
      .locator('[role="img"]'),
  ).toHaveAttribute('aria-label', /Region Västerbotten har \d+,\d\s% och ligger på plats \d+\./);
  // hours carry their unit wherever a figure stands alone
  await expect(page.locator('[data-tile="hours-ytd"] .value')).toHaveText(/^[\d\s]+ timmar$/);
  await expect(page.locator('[data-versus-row="hours"] td').first()).toContainText(/^\s*[\d\s]+ timmar/);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-sv.png'), fullPage: true });

  // one area: the figures change and the choice is in the address
  await page.getByRole('combobox', { name: 'Område' }).selectOption({ label: 'NSO Södra Lappland' });
  await expect(page).toHaveURL(/[?&]area=NSO-SLA(&|$)/);
  await expect(
    page.getByRole('heading', { name: 'Nyckeltal oktober 2024 – NSO Södra Lappland' }),
  ).toBeVisible();
  await expect(ratioTile.locator('.value')).toHaveText('12,5 %');
  // the area's cost split by profession group, as for the region
  await expect(costTile.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('status')).toHaveText(
    'Visar siffror för: NSO Södra Lappland. Period: jan. 2022–okt. 2024.',
  );

  // the address is enough to come back to the same view
  await page.getByRole('combobox', { name: 'Till och med månad' }).selectOption({ label: 'december 2023' });
  await expect(page).toHaveURL(/[?&]to=2023-12(&|$)/);
  const shared = page.url();
  await page.goto('/orders');
  await page.goto(shared);
  await expect(
    page.getByRole('heading', { name: 'Nyckeltal december 2023 – NSO Södra Lappland' }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Område' })).toHaveValue('NSO-SLA');
  await expect(ratioTile.locator('.value')).not.toHaveText('12,5 %');

  // export of a chart's numbers: the file is named after the chart, the selection and the period
  const csvDownload = page.waitForEvent('download');
  await ratioPanel.getByRole('button', { name: 'CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('skr-matt-r12_nso-sla_2022-01_2023-12.csv');
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text.split('\r\n')[0]).toBe(
    '\ufeffMånad;Kostnad hyrpersonal R12 (kr);Kostnad egen personal R12 (kr);SKR-måttet R12 (%);Mål (%)',
  );
  expect(text).toMatch(/\r\n2023-12;\d+,\d\d;\d+,\d\d;\d+,\d\d;2,00\r\n$/);
  const xlsxDownload = page.waitForEvent('download');
  await ratioPanel.getByRole('button', { name: 'Excel' }).click();
  expect((await xlsxDownload).suggestedFilename()).toBe('skr-matt-r12_nso-sla_2022-01_2023-12.xlsx');

  // the same dashboard in English
  await page.getByRole('button', { name: 'Rensa urvalet' }).click();
  await page.getByRole('combobox', { name: 'Till och med månad' }).selectOption({ label: 'oktober 2024' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hired staff follow-up' })).toBeVisible();
  await expect(ratioTile.locator('.value')).toHaveText('4.0%');
  await expect(page.locator('[data-versus-row="hours"] td').first()).toContainText(/^\s*[\d,]+ hours/);
  await expect(costTile.getByRole('listitem').filter({ hasText: 'Nurses/midwives' })).toHaveText(
    'Nurses/midwives -5.9 MSEK (-10.9%)',
  );
  await expect(
    page
      .getByRole('region', { name: 'Hired-staff cost / own-staff cost R12 (the SKR measure)' })
      .getByText('Show as table'),
  ).toBeVisible();
  // the file names follow the language too
  const englishDownload = page.waitForEvent('download');
  await page.locator('[data-chart="ratio"]').getByRole('button', { name: 'CSV' }).click();
  expect((await englishDownload).suggestedFilename()).toBe('skr-ratio-r12_region_2022-01_2024-10.csv');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

/**
 * A unit manager in Skellefteå orders a midwife for the unit `costCentre` from `startDay` to
 * `endDay` (days from today); the hiring stop needs the area chief's dispensation, and above the
 * threshold the health-care director takes the second step. Both approve.
 */
async function grantedOrder(
  baseURL: string | undefined,
  costCentre: string,
  startDay: number,
  endDay: number,
): Promise<OrderDto> {
  const eva = await session(baseURL, DEMO_USERS.unitManager);
  const units = (await (await eva.api.get('/api/org/units?area=NSO-SKE')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === costCentre) as UnitDto;
  const draft = (await (
    await eva.api.post('/api/orders', {
      headers: { 'x-csrf-token': eva.me.csrfToken },
      data: {
        unitId: unit.id,
        profession: 'BARNMORSKA',
        competenceLevel: 'LEGITIMERAD',
        periodStart: daysFromToday(startDay),
        periodEnd: daysFromToday(endDay),
        hours: '120',
        reason: 'VACANCY',
      },
    })
  ).json()) as OrderDto;
  const submitted = await eva.api.post(`/api/orders/${draft.id}/submit`, {
    headers: { 'x-csrf-token': eva.me.csrfToken },
    data: {
      version: draft.version,
      justification: {
        patientSafetyNeed: 'Förlossningen behöver en barnmorska till under vakansen',
        alternativesTried: 'Intern pool och övertid är prövade',
      },
    },
  });
  expect(submitted.status()).toBe(200);
  const order = (await submitted.json()) as OrderDto;
  await eva.api.dispose();
  for (const email of [DEMO_USERS.areaChief, HEALTHCARE_DIRECTOR]) {
    const decider = await session(baseURL, email);
    const dispensation = (await (
      await decider.api.get(`/api/dispensations/${order.dispensationId}`)
    ).json()) as DispensationDto;
    if (dispensation.status === 'UNDER_REVIEW') {
      const approved = await decider.api.post(`/api/dispensations/${dispensation.id}/approve`, {
        headers: { 'x-csrf-token': decider.me.csrfToken },
        data: { version: dispensation.version },
      });
      expect(approved.status()).toBe(200);
    }
    await decider.api.dispose();
  }
  return order;
}

test('a granted dispensation appears in the steering group’s dispensation register', async ({
  page,
  baseURL,
}) => {
  // a unit manager in Skellefteå orders a midwife; the hiring stop needs the area chief's dispensation
  await grantedOrder(baseURL, '120102', 40, 70);

  // the register is a monthly rollup, refreshed by the worker after the approval
  // the dashboard's period ends with the latest imported month (October 2024), which has no
  // grants: the register opens on the latest twelve months with grants instead, and says so
  await logInInSwedish(page, STEERING_GROUP);
  const month = currentMonth();
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const yearBefore = new Date(Date.UTC(year, monthNumber - 12, 1)).toISOString().slice(0, 7);
  await page.goto('/dashboard?professionGroup=SSK_BM');
  const register = page.getByRole('region', { name: 'Dispensregister', exact: true });
  const row = register.getByRole('row').filter({ hasText: 'NSO Skellefteå' });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Anställningsstopp');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Sjuksköterska/barnmorska');
  await expect(register.locator('tfoot')).toContainText('Summa');
  await expect(register.locator('[data-register-note]')).toContainText(
    'Inga dispenser beviljades under jan. 2022–okt. 2024. Registret visar i stället de senaste tolv månaderna med beviljade dispenser',
  );

  // a doctor selection leaves it out
  await page.getByRole('combobox', { name: 'Yrkesgrupp' }).selectOption({ label: 'Läkare' });
  await expect(page).toHaveURL(/[?&]professionGroup=LAKARE(&|$)/);
  await expect(register.getByRole('row').filter({ hasText: 'Sjuksköterska/barnmorska' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page
    .getByRole('combobox', { name: 'Yrkesgrupp' })
    .selectOption({ label: 'Sjuksköterska/barnmorska' });
  await expect(row).toBeVisible();
  await register.getByRole('button', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toBe(`dispensregister_ssk_bm_${yearBefore}_${month}.csv`);

  // the register follows every filter: the unit (Kåge's grant stays) and the care setting
  const asked = page.waitForRequest(
    (r) => r.url().includes('/api/metrics/dispensation-register') && r.url().includes('unit='),
  );
  await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: 'Hälsocentral Kåge' });
  expect(new URL((await asked).url()).searchParams.get('professionGroup')).toBe('SSK_BM');
  await expect(register.locator('caption')).toContainText('Hälsocentral Kåge');
  await expect(row).toBeVisible();
  const unitDownload = page.waitForEvent('download');
  await register.getByRole('button', { name: 'CSV' }).click();
  expect((await unitDownload).suggestedFilename()).toBe(
    `dispensregister_ssk_bm_enhet_${yearBefore}_${month}.csv`,
  );
  await page.getByRole('combobox', { name: 'Vårdform' }).selectOption({ label: 'Sjukhusvård' });
  await expect(page).toHaveURL(/[?&]careSetting=SJUKHUSVARD(&|$)/);
  await expect(row).toHaveCount(0);
});

test('the monthly board report is laid out for A4 and prints without the navigation', async ({
  page,
  baseURL,
}) => {
  await logInInSwedish(page, STEERING_GROUP);
  await page.goto('/dashboard/report?month=2024-10');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Hyrpersonal – månadsrapport oktober 2024' }),
  ).toBeVisible();
  await expect(page).toHaveTitle('Hyrpersonal – månadsrapport oktober 2024 – Hyrkoll');
  await expect(page.locator('[data-tile="ratio"] .value')).toHaveText('4,0 %');
  // the target, met or not, in words
  await expect(page.locator('[data-target-state]').first()).toHaveText(
    'Målet är inte nått: SKR-måttet R12 för hela regionen är 4,0 % (målet är högst 2 %).',
  );

  // the steering group writes the month's commentary; it is kept and shown to every reader
  const commentary = page.getByRole('region', { name: 'Styrgruppens kommentar för oktober 2024' });
  await expect(commentary).toContainText('Styrgruppen har inte skrivit någon kommentar för månaden.');
  const field = commentary.getByLabel('Skriv styrgruppens kommentar');
  await field.fill('   ');
  await commentary.getByRole('button', { name: 'Spara kommentaren' }).click();
  await expect(commentary.getByRole('alert')).toHaveText('Skriv en kommentar innan du sparar.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  const text = 'Kostnaden sjunker i NSO Södra Lappland men ligger kvar över målet i NSO Skellefteå.';
  await field.fill(text);
  await commentary.getByRole('button', { name: 'Spara kommentaren' }).click();
  await expect(commentary.getByRole('status')).toHaveText('Kommentaren är sparad.');
  await expect(commentary.locator('[data-comment-text]')).toHaveText(text);
  await page.reload();
  await expect(commentary.locator('[data-comment-text]')).toHaveText(text);
  await expect(commentary.getByLabel('Ändra kommentaren')).toHaveValue(text);

  // someone else saves while this user writes: the 409 shows their text beside the user's own
  const other = await session(baseURL, STEERING_GROUP);
  const read = (await (await other.api.get('/api/board-comments/2024-10')).json()) as {
    comment: { version: number };
  };
  const theirs = 'Kostnaden sjunker i båda områdena.';
  const put = await other.api.put('/api/board-comments/2024-10', {
    headers: { 'x-csrf-token': other.me.csrfToken },
    data: { text: theirs, version: read.comment.version },
  });
  expect(put.status()).toBe(200);
  await other.api.dispose();
  const edit = commentary.getByLabel('Ändra kommentaren');
  await edit.fill('Min egen text');
  await commentary.getByRole('button', { name: 'Spara kommentaren' }).click();
  await expect(commentary.locator('[data-comment-theirs]')).toHaveText(theirs);
  await expect(commentary.locator('[data-comment-yours]')).toHaveText('Min egen text');
  await expect(edit).toHaveValue('Min egen text');
  // merged by hand, saved on the new version
  const merged = `${theirs} Min egen text`;
  await edit.fill(merged);
  await commentary.getByRole('button', { name: 'Spara kommentaren' }).click();
  await expect(commentary.getByRole('status')).toHaveText('Kommentaren är sparad.');
  await expect(commentary.locator('[data-comment-conflict]')).toHaveCount(0);
  await expect(commentary.locator('[data-comment-text]')).toHaveText(merged);

  const charts = page.locator('[role="img"][aria-label]');
  await expect(charts).toHaveCount(6);
  for (const chart of await charts.all()) await expect(chart.locator('svg')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'board-report-sv.png'), fullPage: true });

  // "Skriv ut" opens the browser's print dialogue
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Skriv ut' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // on paper: no top bar, no footer, no buttons; new pages start at the chosen charts
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.locator('footer.footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'CSV' }).first()).toBeHidden();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Hyrpersonal – månadsrapport oktober 2024' }),
  ).toBeVisible();
  // the commentary is printed, its form is not; the pages are numbered in the page margin
  await expect(commentary.locator('[data-comment-text]')).toBeVisible();
  await expect(commentary.getByRole('button', { name: 'Spara kommentaren' })).toBeHidden();
  const pageNumbers = await page.evaluate(() =>
    Array.from(document.styleSheets)
      .flatMap((sheet) => Array.from(sheet.cssRules))
      .filter((rule) => rule instanceof CSSPageRule)
      .map((rule) => rule.cssText)
      .join('\n'),
  );
  expect(pageNumbers).toMatch(/@bottom-right\s*\{[^}]*content:\s*counter\(page\)/);
  const breaks = await page
    .locator('hk-chart-panel')
    .evaluateAll((panels) => panels.map((p) => getComputedStyle(p).breakBefore));
  expect(breaks).toEqual(['auto', 'page', 'auto', 'page', 'auto', 'page']);
  // A4 from the report's @page rule (without it the PDF would be US Letter), at most four pages
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/MediaBox \[[^\]]*\]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages.length).toBeLessThanOrEqual(4);
  for (const box of pages) expect(box).toMatch(/^\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]$/);

  // the dashboard's navigation is back on screen
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('header.topbar')).toBeVisible();

  // the months offered end with the last month with data; a later month is not read as zeros
  const months = page.getByLabel('Rapportmånad').locator('option');
  await expect(months.first()).toHaveText('oktober 2024');
  await expect(months.filter({ hasText: 'november 2024' })).toHaveCount(0);
  await page.goto('/dashboard/report?month=2024-11');
  await expect(page.locator('[data-tile="cost-r12"] [data-no-data]')).toHaveText('Uppgifter saknas');
  await expect(page.locator('[data-target-state]').first()).toContainText(
    'SKR-måttet R12 kan inte räknas för november 2024',
  );
  await expect(page.locator('main')).not.toContainText('0,00 Mkr');
  await expect(page.locator('main')).not.toContainText('−100');
});

/**
 * The pages of the printed PDF with nothing on them but their page number (Chromium writes each
 * page's drawing as one compressed content stream; a page with content shows many runs of text).
 */
async function blankPdfPages(page: Page): Promise<number[]> {
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const objects = new Map<string, string>();
  for (const match of pdf.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g))
    objects.set(match[1] ?? '', match[2] ?? '');
  const pages = [...objects.values()].filter((body) => /\/Type\s*\/Page\b/.test(body));
  expect(pages.length).toBeGreaterThan(1);
  return pages
    .map((body, index) => {
      const refs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(body)?.[1] ?? '').matchAll(/(\d+) 0 R/g)];
      const texts = refs.map((ref) => {
        const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(objects.get(ref[1] ?? '') ?? '')?.[1] ?? '';
        return inflateSync(Buffer.from(stream, 'latin1')).toString('latin1');
      });
      const runs = texts.join('\n').match(/\bT[Jj]\b/g)?.length ?? 0;
      return runs > 3 ? -1 : index + 1;
    })
    .filter((index) => index > 0);
}

test('an administrator, who may not see the figures, is told so at the board report’s address', async ({
  page,
}) => {
  await logInInSwedish(page, 'anders.sjoberg@demo.hyrkoll.se');
  await page.goto('/dashboard/report?month=2024-10');
  await expect(page.getByRole('heading', { level: 1, name: 'Ingen behörighet', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Ingen behörighet – Hyrkoll');
  await expect(page.locator('main')).toContainText(
    'Rollen Administratör ger inte tillgång till den här sidan',
  );
  await expect(page.getByRole('button', { name: 'Försök igen' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Hela regionen');
});

/** Every axis label of a chart lies inside the chart's drawing (not cut at its edge). */
async function labelsOutside(page: Page, chart: string): Promise<string[]> {
  return page.locator(`[data-chart="${chart}"] svg`).evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('text'))
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
      })
      .map((t) => t.textContent ?? '');
  });
}

test('an area chief sees whose figures they are, the region beside them, and filters that combine', async ({
  page,
}) => {
  // four filter changes, each a full set of requests, and two exports read back
  test.setTimeout(60_000);
  const refused: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 403) refused.push(res.url());
  });
  await logInInSwedish(page, DEMO_USERS.areaChief);
  await page.getByRole('link', { name: 'Uppföljning' }).click();

  // the area's name over the area's figure, the region's figure beside it, never "Hela regionen"
  await expect(page.getByRole('heading', { name: 'Nyckeltal oktober 2024 – NSO Skellefteå' })).toBeVisible();
  const ratioTile = page.locator('[data-tile="ratio"]');
  await expect(ratioTile.locator('[data-whose]')).toHaveText('NSO Skellefteå');
  await expect(ratioTile.locator('.value')).toHaveText('8,3 %');
  await expect(ratioTile.locator('[data-region-ratio]')).toHaveText(
    'Hela regionen: 4,0 % (SKR-måttet R12 för regionen, som jämförelse)',
  );
  await expect(page.getByRole('status')).toHaveText(
    'Visar siffror för: NSO Skellefteå. Period: jan. 2022–okt. 2024.',
  );
  const areas = page.getByRole('region', { name: 'Kostnaden för hyrpersonal R12 per område (Mkr)' });
  await expect(areas).toContainText('Visar bara områden inom din behörighet: NSO Skellefteå.');
  await expect(areas).not.toContainText('Visar alla områden');
  // SKR's national comparison and the region's own measure: why they differ is said beside them
  await expect(
    page.getByRole('region', { name: 'Nationell jämförelse – andel hyrpersonal per region' }),
  ).toContainText(
    /Region Västerbotten har \d+,\d\s% i SKR:s nationella jämförelse .* men 4,0\s% i SKR-måttet ovan .* Därför skiljer sig siffrorna\./,
  );

  // an axis label is drawn within the chart, not cut at its edge ("20,0" not "20.0", "jan." not "ian.")
  await expect(page.locator('[data-chart="ratio"] svg')).toBeVisible();
  expect(await labelsOutside(page, 'ratio')).toEqual([]);
  expect(await labelsOutside(page, 'hours')).toEqual([]);

  // doctors in primary care in the area: the filters combine, and stay in the address
  await page.getByRole('combobox', { name: 'Vårdform' }).selectOption({ label: 'Primärvård' });
  await page.getByRole('combobox', { name: 'Yrkesgrupp' }).selectOption({ label: 'Läkare' });
  await expect(page).toHaveURL(/[?&]careSetting=PRIMARVARD(&|$)/);
  await expect(page).toHaveURL(/[?&]professionGroup=LAKARE(&|$)/);
  const heading = 'Nyckeltal oktober 2024 – NSO Skellefteå · Primärvård · Läkare';
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  await expect(ratioTile.locator('.value')).not.toHaveText('8,3 %');
  await expect(ratioTile.locator('.value')).toHaveText(/^\d+,\d\s%$/);
  const filtered = await ratioTile.locator('.value').textContent();
  await page.reload();
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Yrkesgrupp' })).toHaveValue('LAKARE');
  await expect(ratioTile.locator('.value')).toHaveText(filtered ?? '');

  // the Excel file has a real date cell and the ratio as a fraction formatted as percent
  const xlsxDownload = page.waitForEvent('download');
  await page.locator('[data-chart="ratio"]').getByRole('button', { name: 'Excel' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe('skr-matt-r12_nso-ske_primarvard_lakare_2022-01_2024-10.xlsx');
  const workbook = new Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const sheet = workbook.worksheets[0];
  const last = sheet?.getRow(sheet.rowCount);
  expect(last?.getCell(1).value).toEqual(new Date(Date.UTC(2024, 9, 1)));
  expect(last?.getCell(1).numFmt).toBe('yyyy-mm');
  // kronor with their two decimals, never a trailing decimal point ("#,##0.##")
  expect(last?.getCell(2).numFmt).toBe('#,##0.00');
  expect(typeof last?.getCell(2).value).toBe('number');
  const ratioCell = last?.getCell(4);
  expect(ratioCell?.numFmt).toBe('0.00%');
  expect(Number(ratioCell?.value)).toBeCloseTo(
    Number((filtered ?? '').replace(/[^\d,]/g, '').replace(',', '.')) / 100,
    3,
  );

  expect(refused).toEqual([]);
  await expectNoSeriousViolations(page);
});

test('a unit manager follows the own units against last year, with no request refused', async ({
  page,
  baseURL,
}) => {
  // the dashboard, the board report, print and axe on each: more than the default time on a busy machine
  test.setTimeout(60_000);
  await grantedOrder(baseURL, '120101', 0, 20);
  const refused: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 403) refused.push(res.url());
  });
  await logInInSwedish(page, DEMO_USERS.unitManager);
  await page.getByRole('link', { name: 'Uppföljning' }).click();
  const units = 'Hälsocentral Kåge, Hälsocentral Norrböle';
  await expect(page.getByRole('heading', { name: `Nyckeltal oktober 2024 – ${units}` })).toBeVisible();
  await expect(page.getByText('Uppgifterna kunde inte hämtas')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Försök igen' })).toHaveCount(0);

  // the own units' cost and hours against last year: the month, the year to date and R12
  const versus = page.getByRole('table', { name: `Mot förra året – ${units}, oktober 2024` });
  await expect(versus.getByRole('columnheader')).toHaveText([
    'okt. 2024',
    'jan.–okt. 2024',
    'R12 nov. 2023–okt. 2024',
  ]);
  await expect(versus.getByRole('row', { name: /Kostnad hyrpersonal/ }).getByRole('cell')).toHaveText([
    /Mkr förra året .* Mkr/,
    /Mkr förra året .* Mkr/,
    /Mkr förra året .* Mkr/,
  ]);
  await expect(
    versus
      .getByRole('row', { name: /Köpta timmar/ })
      .getByRole('cell')
      .first(),
  ).toContainText('förra året');
  // no SKR measure per unit: said plainly, with the region's figure to compare, never "try again"
  const ratioTile = page.locator('[data-tile="ratio"]');
  await expect(ratioTile.locator('[data-problem]')).toContainText('inte för en enhet eller en leverantör');
  await expect(ratioTile.locator('[data-region-ratio]')).toContainText('Hela regionen: 4,0 %');
  // the charts that can be drawn are drawn, and the dispensations in use are listed
  await expect(page.getByRole('region', { name: 'Köpta timmar per månad' }).locator('svg')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Kostnader hyrpersonal per månad' }).locator('svg'),
  ).toBeVisible();
  // the R12 cost needs no SKR measure: drawn for the own units, without the SKR measure's message
  const r12 = page.getByRole('region', { name: 'Kostnader hyrpersonal R12', exact: true });
  await expect(r12.locator('svg')).toBeVisible();
  await expect(r12).not.toContainText('SKR-måttet');
  // dispensations in use follow the period: none in jan. 2022–okt. 2024 (the grant is for now)
  const inUse = page.getByRole('region', { name: 'Dispenser i bruk jan. 2022–okt. 2024', exact: true });
  await expect(inUse).toContainText('Ingen beviljad dispens gäller under perioden.');
  await expect(page.getByRole('region', { name: 'Dispensregister', exact: true })).toContainText(
    'redovisas per område',
  );
  // the own units are not the area: no per-area chart for a user who sees only units
  await expect(page.getByRole('heading', { name: /R12 per område/ })).toHaveCount(0);
  // the current month: the grant valid from today is in use, the period named as one month
  const now = currentMonth();
  await page.goto(`/dashboard?from=${now}&to=${now}`);
  const nowLabel = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
  }).format(new Date(`${now}-01T00:00:00Z`));
  const inUseNow = page.getByRole('region', { name: `Dispenser i bruk ${nowLabel}`, exact: true });
  await expect(inUseNow.getByRole('table')).toContainText('Barnmorska');
  // the professions by name, never their codes
  await expect(inUseNow).not.toContainText(/SJUKSKOTERSKA|BARNMORSKA|LAKARE/);
  await page.goto('/dashboard');

  // the board report follows the same way
  await page.goto('/dashboard/report?month=2024-10');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Hyrpersonal – månadsrapport oktober 2024' }),
  ).toBeVisible();
  await expect(page.locator('[data-tile="cost-ytd"]')).toBeVisible();
  await expect(page.getByText('Uppgifterna kunde inte hämtas')).toHaveCount(0);
  await expect(page.locator('[data-target-state]').first()).toContainText(
    'SKR-måttet kan inte räknas för urvalet',
  );
  await expectNoSeriousViolations(page);
  // on paper without the ratio and the area chart: two charts a page, none cut, no blank page
  await page.emulateMedia({ media: 'print' });
  const breaks = await page
    .locator('hk-chart-panel')
    .evaluateAll((panels) =>
      panels.map((p) => [p.getAttribute('data-chart'), getComputedStyle(p).breakBefore]),
    );
  // (the R12 cost is there: it is summed from the costs, with or without the SKR measure)
  expect(breaks).toEqual([
    ['per-month', 'page'],
    ['r12', 'auto'],
    ['hours', 'page'],
    ['national', 'auto'],
  ]);
  expect(await blankPdfPages(page)).toEqual([]);
  await page.emulateMedia({ media: 'screen' });

  // at phone width the follow-up reflows: wide tables scroll in their own frame, never the page
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/dashboard');
  await expect(page.locator('[data-versus]')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(refused).toEqual([]);
});
