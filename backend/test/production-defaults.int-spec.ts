import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { cli, runCli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { testEnv } from './support/test-env';

/** What a deployment gets without asking: no demo accounts in production, no example secret. */
describe('production defaults', () => {
  let url: string;

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_prod_defaults');
    await cli('migrate', { ...testEnv(), ...databaseEnv(url) });
  }, 60_000);

  afterAll(() => dropDatabase(url));

  async function usersIn(): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? -1;
    } finally {
      await client.end();
    }
  }

  it('refuses the demo data in production mode, and creates no account', async () => {
    const { code, out } = await runCli('seed:demo', {
      ...testEnv(),
      ...databaseEnv(url),
      NODE_ENV: 'production',
    });
    expect(code).toBe(2);
    expect(out).toMatch(/refused: NODE_ENV is production.*--allow-production/s);
    expect(await usersIn()).toBe(0);
  });

  it("refuses to start with the example's IDENTITY_HASH_KEY, naming it", async () => {
    const example = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const placeholder = /^IDENTITY_HASH_KEY=(.*)$/m.exec(example)?.[1] as string;
    const { code, out } = await runCli('migrate', {
      ...testEnv(),
      ...databaseEnv(url),
      IDENTITY_HASH_KEY: placeholder,
    });
    expect(code).not.toBe(0);
    expect(out).toContain('IDENTITY_HASH_KEY is a placeholder');
    expect(out).not.toContain(placeholder);
  });
});
