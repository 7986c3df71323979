import { AuditEntity } from '@hyrkoll/contracts';
import type { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../common/auth/auth-user';
import { passwordSetupLink } from '../common/auth/one-time-tokens';
import { Outbox } from '../common/outbox/outbox';
import type { AppConfig } from '../config/app-config';
import { SWEDISH_COUNTIES, SWEDISH_MUNICIPALITIES } from '../database/data/swedish-municipalities';
import { AuditService } from '../modules/audit/audit.service';
import { NotificationsProducer } from '../modules/notifications/notifications.producer';
import { insertOperatorEvent } from '../modules/operator/operator.queries';
import type { CliActor } from '../modules/operator/operator.service';
import { PasswordSetupService } from '../modules/users/password-setup.service';
import { insertUser, replaceRoles, userOfRegion } from '../modules/users/users.queries';

/** A wrong value given to an onboarding command: the caller shows it with the usage. */
export class OnboardingInputError extends Error {}

export interface AdministratorInput {
  email: string;
  name: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkedAdministrator(input: Partial<AdministratorInput>): AdministratorInput {
  const email = input.email?.trim().toLowerCase() ?? '';
  const name = input.name?.trim() ?? '';
  if (!EMAIL.test(email) || email.length > 254) {
    throw new OnboardingInputError(`--admin-email must be an e-mail address, not "${input.email ?? ''}"`);
  }
  if (name.length === 0 || name.length > 200) {
    throw new OnboardingInputError('--admin-name must be a name of 1 to 200 characters');
  }
  return { email, name };
}

/**
 * The deployment's operator onboards a region (decision 020): the region, the municipalities of
 * its county from the shipped official list, and its administrators. An administrator made here
 * holds the role at once (the operator is the second pair of eyes) and chooses a password through
 * a one-time link mailed by the worker. The link is also printed only when no active administrator
 * of the region can log in (its first one, or a region that lost all of them): otherwise whoever
 * runs the command could become the region's administrator (decision 021). Each command is
 * appended to `operator_events` and named in the region's audit trail with the operating-system
 * account that ran it.
 */
export class RegionOnboarding {
  private readonly setups: PasswordSetupService;
  /** One audit service per data source: it appends what a transaction recorded as it commits. */
  private readonly audit: AuditService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    const producer = new NotificationsProducer(new Outbox(config));
    this.audit = new AuditService(dataSource, config);
    this.setups = new PasswordSetupService(dataSource, this.audit, producer);
  }

  /** Creates region `county` with its municipalities and first administrator; refuses an existing one. */
  async createRegion(
    county: string | undefined,
    name: string | undefined,
    admin: Partial<AdministratorInput>,
    by: CliActor,
  ) {
    if (!county || !/^\d{2}$/.test(county) || !SWEDISH_COUNTIES[county]) {
      throw new OnboardingInputError(
        `--county must be the two-digit code of a Swedish county (${Object.keys(SWEDISH_COUNTIES).join(', ')}), not "${county ?? ''}"`,
      );
    }
    const regionName = name?.trim() ?? '';
    if (regionName.length === 0 || regionName.length > 200) {
      throw new OnboardingInputError('--name must be a name of 1 to 200 characters');
    }
    const administrator = checkedAdministrator(admin);
    return this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE regions IN SHARE ROW EXCLUSIVE MODE');
      const [existing] = await m.query<{ name: string }[]>('SELECT name FROM regions WHERE code = $1', [
        county,
      ]);
      if (existing) {
        throw new Error(
          `region ${county} (${existing.name}) already exists; nothing was changed. Use region:add-admin to add an administrator`,
        );
      }
      const municipalities = SWEDISH_MUNICIPALITIES.filter(([code]) => code.startsWith(county));
      const taken = await m.query<{ code: string }[]>(
        'SELECT code FROM municipalities WHERE code = ANY($1)',
        [municipalities.map(([code]) => code)],
      );
      if (taken.length > 0) {
        throw new Error(
          `municipalities ${taken.map((t) => t.code).join(', ')} belong to another region already`,
        );
      }
      const [{ id: regionId }] = await m.query<{ id: string }[]>(
        'INSERT INTO regions (code, name) VALUES ($1, $2) RETURNING id',
        [county, regionName],
      );
      // every municipality in price zone 1 until the purchaser sets the agreement's zones
      await m.query(
        `INSERT INTO municipalities (region_id, code, name, price_zone, price_zone_illustrative)
         SELECT $1, code, name, 1, true FROM unnest($2::text[], $3::text[]) AS t (code, name)`,
        [regionId, municipalities.map(([code]) => code), municipalities.map(([, n]) => n)],
      );
      const link = await this.administrator(m, { regionId, county }, administrator, by, 'region.create');
      return `region ${county} ${regionName} with ${municipalities.length} municipalities; ${link}`;
    });
  }

  /** Adds an administrator to an existing region, e.g. the second one who approves grants. */
  async addAdministrator(
    county: string | undefined,
    admin: Partial<AdministratorInput>,
    by: CliActor,
  ): Promise<string> {
    const administrator = checkedAdministrator(admin);
    return this.dataSource.transaction(async (m) => {
      const [region] = await m.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
        county ?? '',
      ]);
      if (!region) throw new OnboardingInputError(`--county: no region has the code "${county ?? ''}"`);
      return this.administrator(
        m,
        { regionId: region.id, county: county as string },
        administrator,
        by,
        'region.add-admin',
      );
    });
  }

  private async administrator(
    m: EntityManager,
    region: { regionId: string; county: string },
    admin: AdministratorInput,
    by: CliActor,
    command: 'region.create' | 'region.add-admin',
  ): Promise<string> {
    const { regionId } = region;
    const [user] = await m.query<unknown[]>('SELECT 1 FROM users WHERE email = $1', [admin.email]);
    if (user)
      throw new Error(`a user with the e-mail address ${admin.email} already exists; nothing was changed`);
    // printed only for a region nobody could otherwise let in
    const print = !(await this.hasAdministratorWhoCanLogIn(m, regionId));
    const actor: Actor = { regionId, userId: null, name: `operator (cli: ${by.name})`, requestId: null };
    const id = await insertUser(m, {
      regionId,
      email: admin.email,
      name: admin.name,
      locale: 'sv',
      externalId: null,
    });
    await replaceRoles(m, regionId, id, [{ role: 'ADMINISTRATOR' }]);
    const created = await userOfRegion(m, regionId, id);
    await this.audit.record(m, actor, {
      action: 'user.create',
      entityType: AuditEntity.USER,
      entityId: id,
      after: created,
    });
    const { token, expiresAt } = await this.setups.issue(m, actor, { id, email: admin.email }, { print });
    await insertOperatorEvent(m, {
      operatorId: null,
      actorName: by.name,
      requestId: null,
      action: command,
      outcome: 'allowed',
      detail: { county: region.county, regionId, userId: id, email: admin.email, linkPrinted: print },
    });
    if (!token) {
      return `administrator ${admin.name} <${admin.email}>: the one-time link is mailed to them only, valid until ${expiresAt.toISOString()} (the region has an active administrator, so it is not shown here)`;
    }
    const link = passwordSetupLink(this.config.http.publicUrl, token);
    return `administrator ${admin.name} <${admin.email}>: one-time link (also mailed), valid until ${expiresAt.toISOString()}:\n${link}`;
  }

  /**
   * Whether an active administrator of the region can log in (has chosen a password or is linked
   * to the region's sign-in): that one can let a new administrator in, so the link stays in the mail.
   */
  private async hasAdministratorWhoCanLogIn(m: EntityManager, regionId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM users u JOIN role_assignments a ON a.user_id = u.id
        WHERE u.region_id = $1 AND u.active AND a.role = 'ADMINISTRATOR'
          AND (u.password_hash IS NOT NULL OR u.external_id IS NOT NULL)
        LIMIT 1`,
      [regionId],
    );
    return rows.length > 0;
  }
}
