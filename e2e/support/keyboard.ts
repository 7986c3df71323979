import { expect, Locator, Page } from '@playwright/test';

/** Presses Tab until the target has the focus; fails when it cannot be reached by keyboard. */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `not reachable with ${maxPresses} presses of Tab`).toBeFocused();
}

/** Chooses an option of a focused <select> with the arrow keys, as a keyboard user does. */
export async function arrowToOption(page: Page, select: Locator, label: string): Promise<void> {
  await expect(select).toBeFocused();
  const labels = await select.locator('option').allTextContents();
  const wanted = labels.findIndex((l) => l.trim() === label);
  expect(wanted, `no option "${label}" in ${labels.join(', ')}`).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Home');
  for (let i = 0; i < wanted; i++) await page.keyboard.press('ArrowDown');
  await expect(select.locator('option:checked')).toHaveText(label);
}

/**
 * Types an ISO date into a focused <input type="date">. Chromium lays the fields out by its own
 * interface language, which is American English in the test browser: month, day, year, each field
 * moving on to the next when full.
 */
export async function typeDate(page: Page, input: Locator, iso: string): Promise<void> {
  await expect(input).toBeFocused();
  const [year, month, day] = iso.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
  await expect(input).toHaveValue(iso);
}
