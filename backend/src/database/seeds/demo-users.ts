import type { Role } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { hashPassword } from '../../common/auth/passwords';
import { DEMO_REGION } from './demo-region';

/** The one password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'hyrkoll-demo';

type Scope = { unit: string } | { area: string } | 'region';

interface DemoUser {
  name: string;
  email: string;
  locale: 'sv' | 'en';
  roles: { role: Role; scope: Scope }[];
}

/** One or more accounts for every role; unit and area scopes by cost centre and area code. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    name: 'Eva Lindqvist',
    email: 'eva.lindqvist@demo.hyrkoll.se',
    locale: 'sv',
    roles: [
      { role: 'UNIT_MANAGER', scope: { unit: '120101' } },
      { role: 'UNIT_MANAGER', scope: { unit: '120102' } },
    ],
  },
  {
    name: 'Johan Berg',
    email: 'johan.berg@demo.hyrkoll.se',
    locale: 'sv',
    roles: [
      { role: 'UNIT_MANAGER', scope: { unit: '130102' } },
      { role: 'UNIT_MANAGER', scope: { unit: '130103' } },
    ],
  },
  {
    name: 'Maria Nilsson',
    email: 'maria.nilsson@demo.hyrkoll.se',
    locale: 'sv',
    roles: [{ role: 'AREA_CHIEF', scope: { area: 'NSO-SKE' } }],
  },
  {
    name: 'Per Holmberg',
    email: 'per.holmberg@demo.hyrkoll.se',
    locale: 'sv',
    roles: [{ role: 'AREA_CHIEF', scope: { area: 'NSO-SLA' } }],
  },
  {
    name: 'Lena Forsberg',
    email: 'lena.forsberg@demo.hyrkoll.se',
    locale: 'sv',
    roles: [
      { role: 'AREA_CHIEF', scope: { area: 'NSO-UME' } },
      { role: 'UNIT_MANAGER', scope: { unit: '110101' } },
    ],
  },
  {
    name: 'Karin Ek',
    email: 'karin.ek@demo.hyrkoll.se',
    locale: 'sv',
    roles: [{ role: 'HEALTHCARE_DIRECTOR', scope: 'region' }],
  },
  {
    name: 'Lars Öberg',
    email: 'lars.oberg@demo.hyrkoll.se',
    locale: 'sv',
    roles: [{ role: 'PURCHASER', scope: 'region' }],
  },
  {
    name: 'Sofia Wikström',
    email: 'sofia.wikstrom@demo.hyrkoll.se',
    locale: 'en',
    roles: [{ role: 'STEERING_GROUP', scope: 'region' }],
  },
  {
    name: 'Anders Sjöberg',
    email: 'anders.sjoberg@demo.hyrkoll.se',
    locale: 'sv',
    roles: [{ role: 'ADMINISTRATOR', scope: 'region' }],
  },
];

/** Creates the demo accounts unless the demo region already has users. */
export async function seedDemoUsers(manager: EntityManager): Promise<number> {
  const [region] = await manager.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
    DEMO_REGION.code,
  ]);
  if (!region) throw new Error('the demo region must be loaded before its users');
  const [{ count }] = await manager.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM users WHERE region_id = $1',
    [region.id],
  );
  if (count > 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const [{ id }] = await manager.query<{ id: string }[]>(
      'INSERT INTO users (region_id, email, name, locale, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [region.id, user.email, user.name, user.locale, passwordHash],
    );
    for (const { role, scope } of user.roles) {
      await manager.query(
        `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id)
         VALUES ($1, $2, $3,
           (SELECT id FROM units WHERE region_id = $2 AND cost_centre = $4),
           (SELECT id FROM areas WHERE region_id = $2 AND code = $5))`,
        [
          id,
          region.id,
          role,
          typeof scope === 'object' && 'unit' in scope ? scope.unit : null,
          typeof scope === 'object' && 'area' in scope ? scope.area : null,
        ],
      );
    }
  }
  return DEMO_USERS.length;
}
