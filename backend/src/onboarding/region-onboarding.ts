import { AuditEntity } from '@hyrkoll/contracts';
import type { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../common/auth/auth-user';
import { passwordSetupLink } from '../common/auth/one-time-tokens';
import { Outbox } from '../common/outbox/outbox';
import type { AppConfig } from '../config/app-config';
import { SWEDISH_COUNTIES, SWEDISH_MUNICIPALITIES } from '../database/data/swedish-municipalities';
import { AuditService } from '../modules/audit/audit.service';
import { NotificationsProducer } from '../modules/notifications/notifications.producer';
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
 * a one-time link, printed for the operator and mailed by the worker.
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
      const link = await this.administrator(m, regionId, administrator);
      return `region ${county} ${regionName} with ${municipalities.length} municipalities; ${link}`;
    });
  }

  /** Adds an administrator to an existing region, e.g. the second one who approves grants. */
  async addAdministrator(county: string | undefined, admin: Partial<AdministratorInput>): Promise<string> {
    const administrator = checkedAdministrator(admin);
    return this.dataSource.transaction(async (m) => {
      const [region] = await m.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
        county ?? '',
      ]);
      if (!region) throw new OnboardingInputError(`--county: no region has the code "${county ?? ''}"`);
      return this.administrator(m, region.id, administrator);
    });
  }

  private async administrator(
    m: EntityManager,
    regionId: string,
    admin: AdministratorInput,
  ): Promise<string> {
    const [user] = await m.query<unknown[]>('SELECT 1 FROM users WHERE email = $1', [admin.email]);
    if (user)
      throw new Error(`a user with the e-mail address ${admin.email} already exists; nothing was changed`);
    const actor: Actor = { regionId, userId: null, name: 'operator (cli)', requestId: null };
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
    const { token, expiresAt } = await this.setups.issue(
      m,
      actor,
      { id, email: admin.email },
      { print: true },
    );
    const link = passwordSetupLink(this.config.http.publicUrl, token as string);
    return `administrator ${admin.name} <${admin.email}>: one-time link (also mailed), valid until ${expiresAt.toISOString()}:\n${link}`;
  }
}
