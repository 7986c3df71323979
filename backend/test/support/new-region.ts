import type { CareSetting, PriceZone, Role } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';

import { hashPassword } from '../../src/common/auth/passwords';
import { seedDemoAgreement } from '../../src/database/seeds/demo-agreement';
import { loginAs, TestSession } from './sessions';
import { testEnv } from './test-env';

/** One grant of a user: the role, with the unit (cost centre) or area (code) it covers, if any. */
export interface GrantSpec {
  role: Role;
  unit?: string;
  area?: string;
}

/** A unit of the region; its municipality is the region's one in `priceZone` (1 unless given). */
export interface UnitSpec {
  costCentre: string;
  area: string;
  name?: string;
  careSetting?: CareSetting;
  priceZone?: PriceZone;
}

/** What a spec file's region holds: its areas, units, and users by a name of the spec's choosing. */
export interface RegionSpec {
  areas: string[];
  units: UnitSpec[];
  users: Record<string, GrantSpec[]>;
  /** Price zones to have a municipality in even without a unit there. */
  zones?: PriceZone[];
  /**
   * The demo's agreement data for this region, which ordering needs: its suppliers, illustrative
   * prices per zone, travel allowance and two former employees, and the demo's dispensation policy
   * (a hiring stop on every order, a second step above 500 000 SEK or 183 days).
   */
  agreement?: boolean;
}

export interface NewRegion {
  regionId: string;
  code: string;
  name: string;
  areaIds: Record<string, string>;
  unitIds: Record<string, string>;
  users: Record<string, { id: string; email: string; name: string }>;
  /** A logged-in session for every user of the spec. */
  sessions: Record<string, TestSession>;
}

export const NEW_REGION_PASSWORD = 'a-test-region-password';

/**
 * A region of the spec file's own, so that nothing another file does can change what it sees:
 * areas, units (in a municipality `<code>8<zone>` per price zone used, the zone illustrative as
 * the demo's), users with their grants, each logged in, and on request the agreement data.
 * Its code is a free one from 30 to 99 (no county has those), and its users' e-mail addresses
 * are `<name>@region-<code>.test`.
 */
export async function newRegion(
  app: NestFastifyApplication,
  dataSource: DataSource,
  spec: RegionSpec,
): Promise<NewRegion> {
  const hash = await hashPassword(NEW_REGION_PASSWORD);
  const made = await dataSource.transaction(async (m) => {
    const [region] = await m.query<{ id: string; code: string; name: string }[]>(
      `INSERT INTO regions (code, name)
       SELECT c, 'Testregion ' || c FROM (
         SELECT lpad(n::text, 2, '0') AS c FROM generate_series(30, 99) n
          WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = lpad(n::text, 2, '0'))
          ORDER BY random() LIMIT 1) free
       RETURNING id, code, name`,
    );
    if (!region) throw new Error('no free region code left between 30 and 99');
    const municipalityIds = new Map<PriceZone, string>();
    for (const zone of new Set([...(spec.zones ?? []), ...spec.units.map((u) => u.priceZone ?? 1)])) {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO municipalities (region_id, code, name, price_zone, price_zone_illustrative)
         VALUES ($1, $2, $3, $4, true) RETURNING id`,
        [region.id, `${region.code}8${zone}`, `Kommun ${region.code} zon ${zone}`, zone],
      );
      municipalityIds.set(zone, id);
    }
    const areaIds: Record<string, string> = {};
    for (const code of spec.areas) {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO areas (region_id, code, name) VALUES ($1, $2, $3) RETURNING id`,
        [region.id, code, `Område ${code}`],
      );
      areaIds[code] = id;
    }
    const unitIds: Record<string, string> = {};
    for (const unit of spec.units) {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          region.id,
          areaIds[unit.area],
          municipalityIds.get(unit.priceZone ?? 1),
          unit.costCentre,
          unit.name ?? `Enhet ${unit.costCentre}`,
          unit.careSetting ?? 'PRIMARVARD',
        ],
      );
      unitIds[unit.costCentre] = id;
    }
    const users: NewRegion['users'] = {};
    for (const [key, grants] of Object.entries(spec.users)) {
      const email = `${key.toLowerCase()}@region-${region.code}.test`;
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO users (region_id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [region.id, email, key, hash],
      );
      for (const grant of grants) {
        await m.query(
          `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ($1, $2, $3, $4, $5)`,
          [
            id,
            region.id,
            grant.role,
            grant.unit ? unitIds[grant.unit] : null,
            grant.area ? areaIds[grant.area] : null,
          ],
        );
      }
      users[key] = { id, email, name: key };
    }
    if (spec.agreement) await seedDemoAgreement(m, region.id, testEnv()['IDENTITY_HASH_KEY'] as string);
    return { regionId: region.id, code: region.code, name: region.name, areaIds, unitIds, users };
  });
  const sessions: Record<string, TestSession> = {};
  for (const [key, user] of Object.entries(made.users)) {
    sessions[key] = await loginAs(app, user.email, NEW_REGION_PASSWORD);
  }
  return { ...made, sessions };
}
