import { type Permission, type Role, ROLE_PERMISSIONS } from '@hyrkoll/contracts';
import { expect, test } from '@playwright/test';

import { logInInSwedish } from '../support/pages';

/**
 * Every page, as every role: a page the role may use opens; any other says, in Swedish, that the
 * role does not give access to it, and offers the way home, never "Försök igen" (trying again can
 * never help). Before, `/imports` as a unit manager showed the page with a refusal to retry.
 */

/** A demo user of each role (backend/src/database/seeds/demo-users.ts). */
const USER_OF_ROLE: Record<Role, string> = {
  UNIT_MANAGER: 'eva.lindqvist@demo.hyrkoll.se',
  AREA_CHIEF: 'maria.nilsson@demo.hyrkoll.se',
  HEALTHCARE_DIRECTOR: 'karin.ek@demo.hyrkoll.se',
  PURCHASER: 'lars.oberg@demo.hyrkoll.se',
  STEERING_GROUP: 'sofia.wikstrom@demo.hyrkoll.se',
  ADMINISTRATOR: 'anders.sjoberg@demo.hyrkoll.se',
};

const ROLE_NAME: Record<Role, string> = {
  UNIT_MANAGER: 'Enhetschef',
  AREA_CHIEF: 'Områdeschef',
  HEALTHCARE_DIRECTOR: 'Hälso- och sjukvårdsdirektör',
  PURCHASER: 'Strategisk inköpare',
  STEERING_GROUP: 'Styrgrupp',
  ADMINISTRATOR: 'Administratör',
};

/** Each page and the permission (any of them) that opens it. */
const PAGES: [string, Permission[]][] = [
  ['/orders', ['order:read']],
  ['/orders/new', ['order:write']],
  ['/dispensations', ['dispensation:read']],
  ['/organisation', ['org:read']],
  ['/dashboard', ['metrics:read']],
  ['/dashboard/report', ['metrics:read']],
  ['/agreement/suppliers', ['agreement:read']],
  ['/agreement/prices', ['agreement:read']],
  ['/agreement/travel-allowances', ['agreement:read']],
  ['/agreement/zones', ['agreement:read']],
  ['/agreement/former-employees', ['agreement:read']],
  ['/imports', ['import:manage']],
  ['/purchased-hours', ['import:manage']],
  ['/admin/users', ['user:manage']],
  ['/admin/org', ['org:manage']],
  ['/admin/policy', ['policy:manage']],
  ['/admin/operations', ['operations:read']],
];

for (const role of Object.keys(USER_OF_ROLE) as Role[]) {
  test(`every page as ${role}: open, or a Swedish refusal without a retry`, async ({ page }) => {
    test.setTimeout(120_000);
    await logInInSwedish(page, USER_OF_ROLE[role]);
    for (const [path, permissions] of PAGES) {
      await page.goto(path);
      const heading = page.getByRole('heading', { level: 1 }).first();
      await expect(heading, path).toBeVisible();
      await page.waitForLoadState('networkidle');
      const refused = page.getByRole('heading', { level: 1, name: 'Ingen behörighet' });
      if (permissions.some((p) => ROLE_PERMISSIONS[role].includes(p))) {
        await expect.soft(refused, `${path} opens for ${role}`).toHaveCount(0);
      } else {
        await expect.soft(refused, `${path} is refused for ${role}`).toBeVisible();
        await expect
          .soft(page.getByRole('alert'), path)
          .toHaveText(
            `Rollen ${ROLE_NAME[role]} ger inte tillgång till den här sidan. Sidorna du kan använda finns i menyn.`,
          );
        await expect.soft(page.getByRole('link', { name: 'Till startsidan' }), path).toBeVisible();
        await expect.soft(page, path).toHaveTitle('Ingen behörighet – Hyrkoll');
        // the address stays: a link shared from another role says what it is for
        expect.soft(new URL(page.url()).pathname, path).toBe(path);
      }
      await expect
        .soft(page.getByRole('button', { name: 'Försök igen' }), `${path}: no retry`)
        .toHaveCount(0);
    }
  });
}
