import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

import { DEMO_USERS, LoginPage } from '../support/login.page';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

/** The e2e database is shared by every spec of a run: what this spec creates carries a suffix. */
const SUFFIX = Math.random().toString(36).slice(2, 8).toUpperCase();

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A made-up organisation number with a valid check digit, e.g. 559123-4567. */
function organisationNumber(): string {
  const nine = `559${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const ten = `${nine}${luhnCheckDigit(nine)}`;
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/** A made-up personnummer, never masked like the demo register's people (`…-**30`, `…-**65`). */
function personalNumber(): string {
  const year = 1950 + Math.floor(Math.random() * 20);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const serial = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const nine = `${String(year).slice(2)}${month}${day}${serial}`;
  const identity = `${year}${month}${day}-${serial}${luhnCheckDigit(nine)}`;
  return ['30', '65'].includes(identity.slice(-2)) ? personalNumber() : identity;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in Sweden, as the pages and the API count days. */
function swedishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** A pattern for text shown with Swedish number formats: any run of spaces matches any white space. */
function shown(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+'));
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => ['serious', 'critical'].includes(v.impact ?? ''))).toEqual([]);
}

async function openAgreement(page: Page, tab: string, heading = tab): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.purchaser);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avtal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avtal' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Avtalsdata' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
}

test('the purchaser registers a supplier, is told what is wrong, and puts it in quarantine and back', async ({
  page,
}) => {
  await openAgreement(page, 'Leverantörer');
  await expect(page).toHaveURL(/\/agreement\/suppliers$/);
  await expect(page).toHaveTitle('Leverantörer – Avtal – Hyrkoll');
  const suppliers = page.getByRole('table', { name: 'Leverantörer' });
  await expect(suppliers.getByRole('row', { name: /Norrlandsbemanning AB/ })).toContainText('Aktiv');

  // an empty form: every problem at once, next to its field
  await page.getByRole('button', { name: 'Registrera leverantören' }).click();
  await expect(page.getByRole('alert')).toHaveText('Uppgifterna är inte sparade. Rätta de markerade fälten.');
  const orgNumber = page.getByLabel('Organisationsnummer');
  await expect(orgNumber).toHaveAttribute('aria-invalid', 'true');
  await expect(orgNumber).toBeFocused();
  await expect(orgNumber).toHaveAccessibleDescription(/Fyll i fältet\./);
  await expect(page.getByText('Välj minst 1 alternativ.')).toBeVisible();

  await orgNumber.fill('556712-3458');
  await expect(orgNumber).toHaveAccessibleDescription(/Organisationsnumret är inte giltigt/);

  const number = organisationNumber();
  const name = `Testvård ${SUFFIX} AB`;
  await orgNumber.fill(number.replace('-', ''));
  await page.getByLabel('Namn').fill(name);
  await page.getByRole('checkbox', { name: 'Läkare' }).check();
  await page.getByRole('button', { name: 'Registrera leverantören' }).click();
  await expect(page.getByRole('status').filter({ hasText: name })).toHaveText(
    `${name} är registrerad som leverantör.`,
  );
  // the supplier's own row (the row of the quarantine form below it names the supplier too)
  const row = suppliers.getByRole('row', { name: new RegExp(`^${shown(name).source}`) });
  await expect(row).toContainText(number);
  await expect(row).toContainText('Aktiv');

  // the API refuses the same organisation number twice; the answer lands on the field
  await orgNumber.fill(number);
  await page.getByLabel('Namn').fill(`${name} igen`);
  await page.getByRole('checkbox', { name: 'Sjuksköterskor' }).check();
  await page.getByRole('button', { name: 'Registrera leverantören' }).click();
  await expect(orgNumber).toHaveAccessibleDescription(/Värdet används redan\./);
  await expect(page.getByRole('alert')).toHaveText(
    `Det finns redan en leverantör med organisationsnumret ${number}.`,
  );

  // quarantine needs a reason
  await row.getByRole('button', { name: `Sätt i karantän ${name}` }).click();
  const reason = page.getByLabel(`Skäl till karantän för ${name}`);
  await expect(reason).toBeFocused();
  await page.getByRole('button', { name: 'Bekräfta karantän' }).click();
  await expect(reason).toHaveAccessibleDescription(/Fyll i fältet\./);
  await reason.fill('Avtalsbrott: upprepade missade bekräftelser');
  await page.getByRole('button', { name: 'Bekräfta karantän' }).click();
  await expect(row).toContainText('I karantän');
  await expect(row).toContainText('Skäl: Avtalsbrott: upprepade missade bekräftelser');
  await expect(page.getByRole('status').filter({ hasText: name })).toHaveText(`${name} är satt i karantän.`);
  await expect(row.getByRole('button', { name: `Häv karantän ${name}` })).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement-suppliers-sv.png'), fullPage: true });

  // the list as CSV, in Swedish spreadsheet conventions
  const downloading = page.waitForEvent('download');
  await page
    .getByRole('group', { name: 'Exportera Leverantörer' })
    .getByRole('button', { name: 'CSV' })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('leverantorer.csv');
  const csv = readFileSync((await download.path()) as string, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\ufeffNamn;Organisationsnummer;Delområden;Status;Skäl till karantän');
  expect(csv).toContain(
    `${name};${number};Läkare;I karantän;Avtalsbrott: upprepade missade bekräftelser\r\n`,
  );

  await row.getByRole('button', { name: `Häv karantän ${name}` }).click();
  await expect(row).toContainText('Aktiv');
  await expect(row).not.toContainText('Skäl:');
});

test('the purchaser adds a price version, sees a bad one refused in the browser and an overlap refused by the API', async ({
  page,
}) => {
  await openAgreement(page, 'Prislista');
  await expect(page.getByText('Demodata: priser markerade som illustrativa')).toBeVisible();
  const prices = page.getByRole('table', { name: 'Prislista' });
  await expect(prices.getByRole('row', { name: shown('Överläkare 3 1 800 kr 2020-01-01') })).toBeVisible();

  // far in the future, so that no other journey's estimate changes; a random year keeps runs apart
  const year = 2100 + Math.floor(Math.random() * 800);
  const form = page.getByRole('region', { name: 'Lägg till prisversion' });
  await form.getByLabel('Yrke').selectOption({ label: 'Läkare' });
  await form.getByLabel('Kompetensnivå').selectOption({ label: 'Överläkare' });
  await form.getByLabel('Priszon').selectOption({ label: 'Zon 3' });

  await form.getByLabel('Timpris (kr per timme)').fill('1 950,555');
  await form.getByLabel('Gäller från').fill(`${year}-01-01`);
  await form.getByLabel('Gäller till (valfritt)').fill(`${year - 1}-12-31`);
  await form.getByRole('button', { name: 'Spara priset' }).click();
  await expect(form.getByRole('alert')).toHaveText('Uppgifterna är inte sparade. Rätta de markerade fälten.');
  await expect(form.getByLabel('Timpris (kr per timme)')).toHaveAccessibleDescription(
    /Ange ett tal med högst 6 siffror före decimaltecknet och högst två decimaler/,
  );
  await expect(form.getByLabel('Gäller till (valfritt)')).toHaveAccessibleDescription(
    /Slutdatumet får inte vara före startdatumet\./,
  );

  await form.getByLabel('Timpris (kr per timme)').fill('1 950');
  await form.getByLabel('Gäller till (valfritt)').fill('');
  await expect(form.getByText(`avslutas ${year - 1}-12-31`)).toContainText(
    'Det pris som gäller tills vidare (1 800 kr per timme från 2020-01-01)',
  );
  await form.getByRole('button', { name: 'Spara priset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Priset för' })).toHaveText(
    `Priset för Läkare, Överläkare, zon 3 från ${year}-01-01 är sparat.`,
  );
  await expect(prices.getByRole('row', { name: shown(`Överläkare 3 1 950 kr ${year}-01-01`) })).toContainText(
    'Kommande',
  );
  await expect(
    prices.getByRole('row', { name: shown(`Överläkare 3 1 800 kr 2020-01-01 ${year - 1}-12-31`) }),
  ).toBeVisible();

  // a period across both versions overlaps: the API refuses it and the page says so
  await form.getByLabel('Timpris (kr per timme)').fill('1900');
  await form.getByLabel('Gäller från').fill(`${year - 1}-06-01`);
  await form.getByLabel('Gäller till (valfritt)').fill(`${year}-06-30`);
  await form.getByRole('button', { name: 'Spara priset' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Sparades inte: giltighetsperioden överlappar en version som redan finns.',
  );
  await expect(form.getByLabel('Gäller från')).toHaveAccessibleDescription(
    /Perioden överlappar en version som redan finns\./,
  );
  await expect(prices.getByRole('row', { name: shown('Överläkare 3 1 900 kr') })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement-prices-sv.png'), fullPage: true });

  // only today's prices: the coming version is not among them
  await page.getByLabel(/Visa bara priser som gäller/).check();
  await expect(prices.getByRole('row', { name: shown(`${year}-01-01`) })).toHaveCount(0);
  await expect(prices.getByRole('row', { name: shown('Överläkare 3 1 800 kr 2020-01-01') })).toBeVisible();
});

test('the purchaser adds a version of the travel allowance', async ({ page }) => {
  await openAgreement(page, 'Reseschablon');
  const allowances = page.getByRole('table', { name: 'Reseschablon' });
  await expect(allowances.getByRole('row', { name: shown('2 500 kr 2020-01-01') })).toBeVisible();

  const year = 2100 + Math.floor(Math.random() * 800);
  await page.getByLabel('Belopp per påbörjad vecka (kr)').fill('-5');
  await page.getByLabel('Gäller från').fill(`${year}-01-01`);
  await page.getByRole('button', { name: 'Spara reseschablonen' }).click();
  await expect(page.getByLabel('Belopp per påbörjad vecka (kr)')).toHaveAccessibleDescription(
    /Ange ett tal med högst 6 siffror/,
  );

  await page.getByLabel('Belopp per påbörjad vecka (kr)').fill('2 750');
  await page.getByRole('button', { name: 'Spara reseschablonen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reseschablonen' })).toHaveText(
    `Reseschablonen 2 750 kr per vecka från ${year}-01-01 är sparad.`,
  );
  await expect(allowances.getByRole('row', { name: shown(`2 750 kr ${year}-01-01`) })).toContainText(
    'Kommande',
  );
  await expect(
    allowances.getByRole('row', { name: shown(`2 500 kr 2020-01-01 ${year - 1}-12-31`) }),
  ).toContainText('Gäller nu');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement-travel-allowances-sv.png'), fullPage: true });

  // the same page in English, with English number formats
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agreement' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Travel allowance' })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Travel allowance' })
      .getByRole('row', { name: shown(`SEK 2,750 ${year}-01-01`) }),
  ).toContainText('Coming');
});

test("the purchaser changes a municipality's price zone and changes it back", async ({ page }) => {
  await openAgreement(page, 'Priszoner');
  await expect(page.getByText('Demodata: zoner markerade som illustrativa')).toBeVisible();
  const zones = page.getByRole('table', { name: 'Priszoner' });
  // Sorsele: one inland health centre that no other journey orders for
  const row = zones.getByRole('row', { name: /Sorsele/ });
  const zone = row.getByRole('combobox', { name: 'Priszon för Sorsele' });
  const save = row.getByRole('button', { name: 'Spara Priszon för Sorsele' });
  await expect(zone).toHaveValue('3');
  await expect(save).toBeDisabled();

  await zone.selectOption({ label: 'Zon 2' });
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Sorsele' })).toHaveText(
    'Sorsele har nu priszon 2.',
  );
  await expect(row).toContainText('Fastställd');
  await expect(save).toBeDisabled();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement-zones-sv.png'), fullPage: true });

  // the zone stays after a reload, and goes back to what it was
  await page.reload();
  await expect(zone).toHaveValue('2');
  await zone.selectOption({ label: 'Zon 3' });
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Sorsele' })).toHaveText(
    'Sorsele har nu priszon 3.',
  );
  await expect(zone).toHaveValue('3');
});

test('the purchaser registers a former employee, sees only the masked number, checks karens and removes the entry', async ({
  page,
}) => {
  await openAgreement(page, 'Tidigare anställda', 'Tidigare anställda (karens)');
  const register = page.getByRole('table', { name: 'Register över tidigare anställda' });
  await expect(
    register.getByRole('row', { name: shown('********-**30 2024-08-31 2025-08-31') }),
  ).toBeVisible();
  const add = page.getByRole('region', { name: 'Lägg till tidigare anställd' });

  await add.getByLabel('Personnummer eller samordningsnummer').fill('19750612-1231');
  await add.getByRole('button', { name: 'Lägg till i registret' }).click();
  await expect(add.getByLabel('Personnummer eller samordningsnummer')).toHaveAccessibleDescription(
    /Numret är inte ett giltigt person- eller samordningsnummer/,
  );
  await expect(add.getByLabel('Anställningen upphörde')).toHaveAccessibleDescription(/Fyll i fältet\./);

  // employment ended on the 15th two months ago: karens runs to the same day next year
  const now = new Date();
  const ended = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15));
  const karensUntil = new Date(Date.UTC(ended.getUTCFullYear() + 1, ended.getUTCMonth(), 15));
  const identity = personalNumber();
  const masked = `********-**${identity.slice(-2)}`;
  await add.getByLabel('Personnummer eller samordningsnummer').fill(identity);
  await add.getByLabel('Anställningen upphörde').fill(isoDay(ended));
  await add.getByRole('button', { name: 'Lägg till i registret' }).click();
  await expect(page.getByRole('status').filter({ hasText: masked })).toHaveText(
    `${masked} är registrerad, karens till och med ${isoDay(karensUntil)}.`,
  );
  await expect(add.getByLabel('Personnummer eller samordningsnummer')).toHaveValue('');
  const row = register.getByRole('row', { name: shown(`${masked} ${isoDay(ended)}`) });
  await expect(row).toContainText(isoDay(karensUntil));
  await expect(row).toContainText('I karens');
  // the full number is nowhere on the page
  await expect(page.getByText(identity.slice(4))).toHaveCount(0);

  const check = page.getByRole('region', { name: 'Kontrollera karens' });
  await check.getByLabel('Personnummer eller samordningsnummer').fill(identity.replace('-', ''));
  await check.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(check.getByRole('status')).toHaveText(
    `I karens till och med ${isoDay(karensUntil)}: personen får inte ta ett uppdrag som börjar ${swedishToday()}.`,
  );
  const dayAfter = new Date(karensUntil.getTime() + 86_400_000);
  await check.getByLabel('Uppdragets första dag (valfritt)').fill(isoDay(dayAfter));
  await check.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(check.getByRole('status')).toHaveText(
    `Inte i karens ${isoDay(dayAfter)}: karensen gällde till och med ${isoDay(karensUntil)}.`,
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement-former-employees-sv.png'), fullPage: true });

  await row.getByRole('button', { name: `Ta bort ${masked}` }).click();
  await expect(row).toContainText(`Ta bort ${masked} ur registret?`);
  await row.getByRole('button', { name: 'Ta bort', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: masked })).toHaveText(
    `${masked} är borttagen ur registret.`,
  );
  await expect(row).toHaveCount(0);

  await check.getByLabel('Uppdragets första dag (valfritt)').fill('');
  await check.getByLabel('Personnummer eller samordningsnummer').fill(identity);
  await check.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(check.getByRole('status')).toHaveText(
    'Personen finns inte i registret över tidigare anställda.',
  );
});
