import { join } from 'node:path';

import { expect, Page, test } from '@playwright/test';

import { daysFromToday } from '../support/dates';
import { DEMO_USERS } from '../support/login.page';
import { expectNoSeriousAxeViolations, logInInSwedish, logOut, SCREENSHOTS } from '../support/pages';

/**
 * One order through every role, in the browser only: the unit manager orders, the area chief
 * grants the dispensation, the purchaser publishes, registers three bids (one not eligible),
 * awards and records the confirmation, then imports the hours booked against it; the steering
 * group sees them.
 *
 * The hours are imported for 2024-12, after the demo history, which makes it the latest month
 * with data. Spec files run one at a time in name order, so the dashboard journey (which checks
 * the default period ending 2024-10) has run before this one.
 */
const MONTH = '2024-12';

function inDays(n: number): string {
  return daysFromToday(n);
}

async function orderStatus(page: Page): Promise<string> {
  return ((await page.locator('h1 .status-badge').textContent()) ?? '').trim();
}

async function registerBid(
  page: Page,
  bid: { supplier: string; name: string; identityNumber: string; earlierHours: string; ivoOn?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Registrera anbud' }).click();
  const supplier = page.getByLabel('Leverantör');
  await expect(supplier.locator('option', { hasText: bid.supplier })).toHaveCount(1);
  await supplier.selectOption({ label: bid.supplier });
  await page.getByLabel('Konsultens namn').fill(bid.name);
  await page.getByLabel('Personnummer').fill(bid.identityNumber);
  await page.getByLabel('Tidigare timmar på enheten').fill(bid.earlierHours);
  await page.getByLabel('Legitimation sedan').fill('2012-06-01');
  await page.getByLabel('Utdrag från IVO').fill(bid.ivoOn ?? inDays(-20));
  await page.getByLabel('Utdrag från HOSP').fill(inDays(-20));
  await page.getByLabel('HLR-utbildning').fill(inDays(-90));
  // the attestations start unticked: the purchaser ticks what the documents show
  await page.getByRole('checkbox', { name: 'CV bifogat' }).check();
  await page.getByRole('checkbox', { name: /nordisk erfarenhet/ }).check();
  await page.getByRole('button', { name: 'Spara anbudet' }).click();
  await expect(
    page.getByRole('table', { name: 'Anbud' }).getByRole('row', { name: new RegExp(bid.name) }),
  ).toBeVisible();
}

test('an order goes through every role, and the steering group sees its hours', async ({ page }) => {
  // eight log-ins, an import through the worker and the dashboard: three times the usual time
  test.slow();
  // the unit manager orders, with the justification the hiring stop needs
  await logInInSwedish(page, DEMO_USERS.unitManager);
  await page.getByRole('link', { name: 'Ny beställning' }).click();
  // the list has an Enhet filter too: wait for the form before choosing
  await expect(page.getByLabel('Första dag')).toBeVisible();
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Hälsocentral Kåge' });
  await page.getByLabel('Yrke').selectOption({ label: 'Sjuksköterska' });
  await page.getByLabel('Första dag').fill(inDays(25));
  await page.getByLabel('Sista dag').fill(inDays(55));
  await page.getByLabel('Timmar').fill('150');
  await expect(page.getByRole('region', { name: 'Kostnad och dispens' })).toContainText('Kräver dispens');
  await page.getByLabel('Patientsäkerhetsbehov').fill('Akutmottagningen saknar sjuksköterskor nattetid');
  await page.getByLabel('Alternativ som prövats').fill('Bemanningspoolen är fullbokad; övertid räcker inte');
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await expect(page.locator('h1 .status-badge')).toHaveText('Väntar på dispens');
  const reference = /HK-\d{4}-\d{6}/.exec((await page.locator('h1').textContent()) ?? '')?.[0] ?? '';
  expect(reference).not.toBe('');
  await logOut(page);

  // the area chief grants the dispensation
  await logInInSwedish(page, DEMO_USERS.areaChief);
  await page.getByRole('link', { name: 'Dispenser' }).click();
  // earlier journeys leave more than a page waiting: she searches for the order, as a user would
  await page.getByRole('searchbox', { name: 'Sök (beställning, enhet, yrke)' }).fill(reference);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page
    .getByRole('table', { name: 'Väntar på ditt beslut' })
    .getByRole('link', { name: reference })
    .click();
  await page.getByRole('button', { name: 'Bevilja' }).click();
  await page.getByRole('button', { name: 'Ja, bevilja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  await logOut(page);

  // the purchaser publishes, registers three bids, awards the best-ranked and records the confirmation
  await logInInSwedish(page, DEMO_USERS.purchaser);
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Beställningar' })
    .click();
  await page.getByLabel('Sök (referens, specialitet, enhet)').fill(reference);
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: reference }).click();
  expect(await orderStatus(page)).toBe('Godkänd');
  await page.getByRole('button', { name: 'Publicera till leverantörerna' }).click();
  await expect(page.locator('h1 .status-badge')).toHaveText('Publicerad');
  await registerBid(page, {
    supplier: 'Vårdkraft Bemanning AB (556198-2348)',
    name: 'Anna Konsult',
    identityNumber: '19750612-1230',
    earlierHours: '0',
  });
  await expect(page.locator('h1 .status-badge')).toHaveText('Anbud inkomna');
  const awardedSupplier = 'Norrlandsbemanning AB';
  await registerBid(page, {
    supplier: `${awardedSupplier} (556712-3459)`,
    name: 'Karin Konsult',
    identityNumber: '19880301-4565',
    earlierHours: '300',
  });
  // a consultant whose IVO extract is too old competes with the others but is not ranked
  const staleIvo = inDays(-200);
  await registerBid(page, {
    supplier: 'Vårdkraft Bemanning AB (556198-2348)',
    name: 'Nils Konsult',
    identityNumber: '19900214-1233',
    earlierHours: '500',
    ivoOn: staleIvo,
  });
  // continuity ranks the consultant who has worked at the unit first
  const bids = page.getByRole('table', { name: 'Anbud' });
  await expect(bids.getByRole('row', { name: /Nils Konsult/ })).toContainText(
    `Uppfyller inte kraven: Utdraget från IVO (${staleIvo}) är äldre än 6 månader`,
  );
  await expect(
    bids
      .getByRole('row', { name: /Karin Konsult/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    bids
      .getByRole('row', { name: /Anna Konsult/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('2');
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'procurement-sv.png'), fullPage: true });

  await page.getByRole('button', { name: `Tilldela Karin Konsult (${awardedSupplier})` }).click();
  await expect(page.locator('h1 .status-badge')).toHaveText('Tilldelad');
  await expect(page.getByText('Leverantören ska bekräfta senast')).toBeVisible();
  await page.getByRole('button', { name: `Registrera orderbekräftelse från ${awardedSupplier}` }).click();
  await expect(page.locator('h1 .status-badge')).toHaveText('Bekräftad');

  // …and imports the month's hours, booked against the order
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Importer' }).click();
  await page.getByRole('radio', { name: /^Köpta timmar/ }).check();
  const csv = [
    'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
    `${MONTH};120102;SSK_BM;${awardedSupplier};"150,00";"187 500,00";${reference}`,
  ].join('\n');
  await page.getByLabel('Fil (CSV, UTF-8)').setInputFiles({
    name: `timmar-${MONTH}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${csv}\n`, 'utf8'),
  });
  await page.getByRole('combobox', { name: 'Källa' }).fill(awardedSupplier);
  await page.getByRole('button', { name: 'Ladda upp och importera' }).click();
  await page.getByRole('button', { name: 'Bekräfta och spara' }).click({ timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: `timmar-${MONTH}.csv` })).toContainText('Klar', {
    timeout: 20_000,
  });
  await page.goto('/orders');
  await page.getByLabel('Sök (referens, specialitet, enhet)').fill(reference);
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: reference }).click();
  const booked = page.getByRole('table', { name: 'Bokförda timmar och kostnad' });
  await expect(booked.getByRole('row', { name: new RegExp(MONTH) })).toContainText('150,00');
  await logOut(page);

  // the steering group's dashboard now runs to December 2024 and shows the hours
  await logInInSwedish(page, 'sofia.wikstrom@demo.hyrkoll.se');
  await page.getByRole('link', { name: 'Uppföljning' }).click();
  await expect(page.getByRole('heading', { name: /^Nyckeltal december 2024/ })).toBeVisible({
    timeout: 20_000,
  });
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-overview-sv.png') });
  const hours = page.getByRole('region', { name: 'Köpta timmar per månad' });
  await hours.getByText('Visa som tabell').click();
  await expect(hours.getByRole('row', { name: /december 2024/ })).toContainText('150');
});
