import type { MeDto, OrderDto } from '@hyrkoll/contracts';
import { expect, test } from '@playwright/test';

import { apiSession, approveDispensation, submittedOrder } from '../support/api';
import { daysFromToday } from '../support/dates';
import { DEMO_USERS } from '../support/login.page';
import { expectNoSeriousAxeViolations, logInInSwedish } from '../support/pages';

/**
 * The API's words never reach the screen: a refused action is worded in the UI's language from
 * the error's code and params, next to what caused it (docs/errors.md). Before, the bid panel
 * showed `Invalid input: consultantIdentityNumber` and a stale action the API's English sentence.
 */

/** English sentences of the API, none of which may be seen in the Swedish interface. */
const API_ENGLISH =
  /Invalid input|must be a valid|This needs the permission|Cannot \w+|was changed by someone else|You lack/;

/**
 * An order open for bids, made through the API: the unit manager orders with the justification the
 * area's hiring stop needs, the area chief grants the dispensation, the purchaser publishes.
 */
async function publishedOrder(baseURL: string | undefined): Promise<OrderDto> {
  const { order: ordered, dispensation } = await submittedOrder(baseURL, {
    profession: 'SJUKSKOTERSKA',
    fromDay: 30,
    toDay: 45,
    hours: '80',
    patientSafetyNeed: 'Avdelningen saknar sjuksköterskor under semestern',
  });
  await approveDispensation(baseURL, dispensation);
  const lars = await apiSession(baseURL, DEMO_USERS.purchaser);
  const approvedOrder = (await (await lars.context.get(`/api/orders/${ordered.id}`)).json()) as OrderDto;
  const published = await lars.context.post(`/api/orders/${ordered.id}/publish`, {
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
  await page.getByLabel('Utdrag från IVO').fill(daysFromToday(-20));
  await page.getByLabel('Utdrag från HOSP').fill(daysFromToday(-20));
  await page.getByLabel('HLR-utbildning').fill(daysFromToday(-90));
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
