import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import type { MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, LoginPage } from '../support/login.page';

const SCREENSHOTS = join(__dirname, '../../tmp/test-results/screenshots');

test('the area chief finds the waiting dispensation in the inbox and approves it with conditions', async ({
  page,
  baseURL,
}) => {
  // the unit manager submits an order through the API, in a session of her own
  const eva = await playwrightRequest.newContext({ baseURL });
  const me = (await (
    await eva.post('/api/auth/login', { data: { email: DEMO_USERS.unitManager, password: DEMO_PASSWORD } })
  ).json()) as MeDto;
  const units = (await (await eva.get('/api/org/units?area=NSO-SKE')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === '120102') as UnitDto;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const headers = { 'x-csrf-token': me.csrfToken };
  const draft = (await (
    await eva.post('/api/orders', {
      headers,
      data: {
        unitId: unit.id,
        profession: 'BARNMORSKA',
        competenceLevel: 'LEGITIMERAD',
        periodStart: day(30),
        periodEnd: day(60),
        hours: '150',
        reason: 'LEAVE_COVER',
      },
    })
  ).json()) as OrderDto;
  const submitted = await eva.post(`/api/orders/${draft.id}/submit`, {
    headers,
    data: {
      version: draft.version,
      justification: {
        patientSafetyNeed: 'Förlossningen saknar barnmorskor i juli',
        alternativesTried: 'Poolen är fullbokad; övertid räcker inte',
      },
    },
  });
  expect(submitted.status()).toBe(200);
  await eva.dispose();

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
  await expect(page.getByText('Förlossningen saknar barnmorskor i juli')).toBeVisible();
  await page.getByLabel('Villkor').fill('Uppföljning efter två veckor');
  await page.getByLabel('Högst timmar').fill('150');
  expect(
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    ),
  ).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dispensation-decision-sv.png'), fullPage: true });

  await page.getByRole('button', { name: 'Återremittera' }).click();
  await expect(page.getByRole('alert')).toHaveText('Skriv en kommentar.');
  await page.getByRole('button', { name: 'Bevilja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beviljad');
  await expect(page.getByText('Maria Nilsson: beviljade')).toBeVisible();
});
