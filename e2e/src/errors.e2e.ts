import type { DispensationDto, MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { expect, request as playwrightRequest, test } from '@playwright/test';

import { DEMO_PASSWORD, DEMO_USERS } from '../support/login.page';
import { expectNoSeriousAxeViolations, logInInSwedish } from '../support/pages';

/**
 * The API's words never reach the screen: a refused action is worded in the UI's language from
 * the error's code and params, next to what caused it (docs/errors.md). Before, the bid panel
 * showed `Invalid input: consultantIdentityNumber` and a stale action the API's English sentence.
 */

/** English sentences of the API, none of which may be seen in the Swedish interface. */
const API_ENGLISH =
  /Invalid input|must be a valid|This needs the permission|Cannot \w+|was changed by someone else|You lack/;

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** A session of a demo user through the API, for the steps the test does not click through. */
async function apiSession(baseURL: string | undefined, email: string) {
  const context = await playwrightRequest.newContext({ baseURL });
  const me = (await (
    await context.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })
  ).json()) as MeDto;
  return { context, headers: { 'x-csrf-token': me.csrfToken } };
}

/**
 * An order open for bids, made through the API: the unit manager orders with the justification the
 * area's hiring stop needs, the area chief grants the dispensation, the purchaser publishes.
 */
async function publishedOrder(baseURL: string | undefined): Promise<OrderDto> {
  const eva = await apiSession(baseURL, DEMO_USERS.unitManager);
  const units = (await (await eva.context.get('/api/org/units?area=NSO-SKE')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === '120102') as UnitDto;
  const draft = (await (
    await eva.context.post('/api/orders', {
      headers: eva.headers,
      data: {
        unitId: unit.id,
        profession: 'SJUKSKOTERSKA',
        competenceLevel: 'LEGITIMERAD',
        periodStart: inDays(30),
        periodEnd: inDays(45),
        hours: '80',
        reason: 'LEAVE_COVER',
      },
    })
  ).json()) as OrderDto;
  const submitted = await eva.context.post(`/api/orders/${draft.id}/submit`, {
    headers: eva.headers,
    data: {
      version: draft.version,
      justification: {
        patientSafetyNeed: 'Avdelningen saknar sjuksköterskor under semestern',
        alternativesTried: 'Poolen är fullbokad; övertid räcker inte',
      },
    },
  });
  expect(submitted.status()).toBe(200);
  const ordered = (await submitted.json()) as OrderDto;
  await eva.context.dispose();
  if (ordered.dispensationId) {
    const maria = await apiSession(baseURL, DEMO_USERS.areaChief);
    const path = `/api/dispensations/${ordered.dispensationId}`;
    const dispensation = (await (await maria.context.get(path)).json()) as DispensationDto;
    const approved = await maria.context.post(`${path}/approve`, {
      headers: maria.headers,
      data: { version: dispensation.version },
    });
    expect(approved.status()).toBe(200);
    await maria.context.dispose();
  }
  const lars = await apiSession(baseURL, DEMO_USERS.purchaser);
  const approvedOrder = (await (await lars.context.get(`/api/orders/${draft.id}`)).json()) as OrderDto;
  const published = await lars.context.post(`/api/orders/${draft.id}/publish`, {
    headers: lars.headers,
    data: { version: approvedOrder.version },
  });
  expect(published.status()).toBe(200);
  const order = (await published.json()) as OrderDto;
  await lars.context.dispose();
  return order;
}

test('a refused bid and a stale action are said in Swedish, next to what caused them', async ({
  page,
  baseURL,
}) => {
  const order = await publishedOrder(baseURL);
  await logInInSwedish(page, DEMO_USERS.purchaser);
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeDto;
  await page.goto(`/orders/${order.id}`);

  // a personal identity number with a wrong check digit: only the API can tell
  await page.getByRole('button', { name: 'Registrera anbud' }).click();
  await page.getByLabel('Leverantör').selectOption({ index: 1 });
  await page.getByLabel('Konsultens namn').fill('Test Konsult');
  const identity = page.getByLabel('Personnummer');
  await identity.fill('19750612-1231');
  await page.getByLabel('Legitimation sedan').fill('2012-06-01');
  await page.getByLabel('Utdrag från IVO').fill(inDays(-20));
  await page.getByLabel('Utdrag från HOSP').fill(inDays(-20));
  await page.getByLabel('HLR-utbildning').fill(inDays(-90));
  await page.getByRole('button', { name: 'Spara anbudet' }).click();

  await expect(page.locator('#bid-pnr-error')).toHaveText(
    'Numret är inte ett giltigt person- eller samordningsnummer. Kontrollera datumet och kontrollsiffran.',
  );
  await expect(identity).toHaveAttribute('aria-invalid', 'true');
  await expect(identity).toHaveAttribute('aria-describedby', /bid-pnr-error/);
  await expect(page.getByRole('alert').first()).toHaveText('Rätta de markerade fälten i anbudet.');
  await expect(page.locator('main')).not.toContainText(API_ENGLISH);
  await expectNoSeriousAxeViolations(page);

  // someone else marks the order unfilled meanwhile: the bid is refused for the order's state
  const unfilled = await page.request.post(`/api/orders/${order.id}/unfilled`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { version: order.version },
  });
  expect(unfilled.status()).toBe(200);
  await identity.fill('19750612-1230');
  await page.getByRole('button', { name: 'Spara anbudet' }).click();
  await expect(page.getByRole('alert').first()).toHaveText(
    'Någon annan hann före: beställningen är nu Ej tillsatt.',
  );
  await expect(page.locator('main')).not.toContainText(API_ENGLISH);
});
