import type { ErrorBody, UnitDto, UserDto } from '@hyrkoll/contracts';

import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

/**
 * Four eyes on decision power, in a region of its own: nobody changes their own roles, and an
 * administrator cannot take over an account by setting its password.
 */
describe('separation of duties', () => {
  let api: TestApp;
  let region: NewRegion;
  let alva: TestSession;
  let norrbole: UnitDto;

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE', name: 'Hälsocentral Norrböle' }],
      users: {
        Alva: [{ role: 'ADMINISTRATOR' }],
        Bert: [{ role: 'ADMINISTRATOR' }],
        Cilla: [{ role: 'STEERING_GROUP' }],
      },
    });
    alva = region.sessions['Alva'] as TestSession;
    const units = (await as(api.app, alva).get('/api/org/units').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  });

  afterAll(() => api.close());

  async function userNamed(name: string): Promise<UserDto> {
    const users = (await as(api.app, alva).get('/api/users').expect(200)).body as UserDto[];
    return users.find((u) => u.name === name) as UserDto;
  }

  describe('own roles', () => {
    it('refuses an administrator a change of their own roles, and changes nothing', async () => {
      const self = await userNamed('Alva');
      for (const roles of [
        [{ role: 'ADMINISTRATOR' }, { role: 'HEALTHCARE_DIRECTOR' }],
        [{ role: 'ADMINISTRATOR' }, { role: 'UNIT_MANAGER', unitId: norrbole.id }],
        [],
      ]) {
        const res = await as(api.app, alva)
          .patch(`/api/users/${self.id}`, { version: self.version, roles })
          .expect(403);
        expect(res.body as ErrorBody).toMatchObject({ code: 'OWN_ROLES_UNCHANGEABLE' });
      }
      expect(await userNamed('Alva')).toEqual(self);
    });

    it("still lets an administrator change their own name, and another user's roles", async () => {
      const self = await userNamed('Alva');
      await as(api.app, alva)
        .patch(`/api/users/${self.id}`, { version: self.version, name: 'Alva' })
        .expect(200);
      const cilla = await userNamed('Cilla');
      const changed = (
        await as(api.app, alva)
          .patch(`/api/users/${cilla.id}`, {
            version: cilla.version,
            roles: [{ role: 'STEERING_GROUP' }, { role: 'UNIT_MANAGER', unitId: norrbole.id }],
          })
          .expect(200)
      ).body as UserDto;
      expect(changed.roles.map((r) => r.role).sort()).toEqual(['STEERING_GROUP', 'UNIT_MANAGER']);
    });
  });
});
