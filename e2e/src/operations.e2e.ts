import AxeBuilder from '@axe-core/playwright';
import type { ImportDto, MeDto } from '@hyrkoll/contracts';
import { expect, request as playwrightRequest, test } from '@playwright/test';

import { DEMO_PASSWORD, DEMO_USERS, LoginPage } from '../support/login.page';

const ADMINISTRATOR = 'anders.sjoberg@demo.hyrkoll.se';

/** A refused import of the demo region, uploaded by its purchaser through the API. */
async function refusedImport(baseURL: string | undefined): Promise<ImportDto> {
  const context = await playwrightRequest.newContext({ baseURL });
  const me = (await (
    await context.post('/api/auth/login', { data: { email: DEMO_USERS.purchaser, password: DEMO_PASSWORD } })
  ).json()) as MeDto;
  const name = `status-${Date.now().toString(36)}.csv`;
  const upload = await context.post('/api/imports/purchased-hours?source=e2e-status', {
    headers: { 'x-csrf-token': me.csrfToken },
    multipart: {
      file: {
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n2024-13;120101;LAKARE;X;1;100;\n',
        ),
      },
    },
  });
  expect(upload.status()).toBe(202);
  const received = (await upload.json()) as ImportDto;
  await expect
    .poll(
      async () => ((await (await context.get(`/api/imports/${received.id}`)).json()) as ImportDto).status,
      {
        timeout: 20_000,
      },
    )
    .toBe('REFUSED');
  await context.dispose();
  return received;
}

test('the administrator follows the region’s imports, rollups and jobs, in Swedish', async ({
  page,
  baseURL,
}) => {
  const refused = await refusedImport(baseURL);

  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(ADMINISTRATOR);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Import- och sammanställningsstatus' }).click();
  await expect(page).toHaveURL(/\/admin\/operations$/);
  await expect(page).toHaveTitle(/Import- och sammanställningsstatus/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Import- och sammanställningsstatus' }),
  ).toBeVisible();

  const jobs = page.getByRole('table', { name: 'Regionens jobb per kö' });
  for (const queue of ['Importer', 'Sammanställningar', 'E-postaviseringar']) {
    await expect(jobs.getByRole('row', { name: new RegExp(queue) })).toBeVisible();
  }
  await expect(jobs.getByRole('columnheader', { name: 'Misslyckade' })).toBeVisible();

  const imports = page.getByRole('table', { name: 'Regionens senaste importer' });
  const row = imports.getByRole('row', { name: new RegExp(refused.fileName.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Avvisad');
  await expect(row).toContainText('1 fel');
  await expect(row).toContainText('Rad 2, kolumn month:');

  // the demo's history is rolled up month by month when it is loaded
  const months = page.getByRole('table', { name: 'När varje månad senast sammanställdes' });
  await expect(months.getByRole('row', { name: /^2024-10 / })).toBeVisible();

  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
    ['serious', 'critical'].includes(v.impact ?? ''),
  );
  expect(violations.map((v) => v.id)).toEqual([]);
});

test('a user without the administrator role does not reach the page', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO_USERS.purchaser);
  await expect(page.getByRole('link', { name: 'Beställningar' }).first()).toBeVisible();
  await page.goto('/admin/operations');
  // the address stays, and says the role does not give access (no retry, no figures)
  await expect(page.getByRole('heading', { level: 1, name: 'Ingen behörighet', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import- och sammanställningsstatus' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Försök igen' })).toHaveCount(0);
});
