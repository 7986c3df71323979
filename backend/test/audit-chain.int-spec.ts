import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { typeormOptions } from '../src/database/typeorm-options';
import { ChainedFields, chainHash, unkeyedChainHash } from '../src/modules/audit/audit-chain';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { readHeads } from '../src/modules/audit/audit-heads';
import { cli, runCli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { eventuallyValue } from './support/eventually';
import { newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { testEnv, uniquePrefix } from './support/test-env';

/**
 * The keyed audit chain and its heads written out of the database (decision 022), on a database
 * of its own: the owner tampers with the trail here the way someone holding its credentials
 * could, and `audit:verify` must notice each time. Each case puts the rows back afterwards.
 */
describe('the keyed audit chain and its exported heads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyrkoll-audit-heads-'));
  const headFile = join(dir, 'heads.jsonl');
  let url: string;
  let env: Record<string, string | undefined>;
  let api: TestApp;
  let owner: DataSource;
  let regionId: string;

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_chain');
    env = { ...testEnv(), ...databaseEnv(url), AUDIT_HEAD_FILE: headFile };
    await cli('migrate', env);
    api = await startApi({ ...databaseEnv(url), AUDIT_HEAD_FILE: headFile });
    owner = await new DataSource(
      typeormOptions({ database: { ...api.config.database, url } }, 'hyrkoll-it-chain-owner'),
    ).initialize();
    const region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE' }],
      users: { Administrator: [{ role: 'ADMINISTRATOR' }] },
    });
    regionId = region.regionId;
    for (const name of ['Anna', 'Bo', 'Cecilia']) {
      await as(api.app, region.sessions['Administrator'] as TestSession)
        .post('/api/users', {
          email: `${name.toLowerCase()}@region-${region.code}.test`,
          name,
          roles: [],
        })
        .expect(201);
    }
  }, 60_000);

  afterAll(async () => {
    await owner?.destroy();
    await api?.close();
    await dropDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = (overrides: Record<string, string> = {}) => runCli('audit:verify', { ...env, ...overrides });
  const rows = () =>
    owner.getRepository(AuditEvent).find({ where: { regionId }, order: { seq: 'ASC' } }) as Promise<
      AuditEvent[]
    >;

  /** Writes rows over the stored ones (by seq) as the owner, with the append-only guard off. */
  async function overwrite(changed: AuditEvent[]): Promise<void> {
    await owner.transaction(async (m) => {
      await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      for (const e of changed) {
        await m.query(
          'UPDATE audit_events SET actor_name = $2, after = $3, prev_hash = $4, hash = $5 WHERE seq = $1',
          [e.seq, e.actorName, e.after === null ? null : JSON.stringify(e.after), e.prevHash, e.hash],
        );
      }
      await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    });
  }

  /** The region's rows with the first one's actor changed, chained again by `hash` from the start. */
  function rebuilt(
    original: AuditEvent[],
    hash: (prev: string | null, e: ChainedFields) => string,
  ): AuditEvent[] {
    let prev: string | null = null;
    return original.map((e, i) => {
      const changed: AuditEvent = { ...e, actorName: i === 0 ? 'Someone Else' : e.actorName, prevHash: prev };
      changed.hash = hash(prev, changed);
      prev = changed.hash;
      return changed;
    });
  }

  /** Runs a tampering case and always puts the original rows back. */
  async function tampering(work: (original: AuditEvent[]) => Promise<void>): Promise<void> {
    const original = await rows();
    try {
      await work(original);
    } finally {
      await overwrite(original);
    }
  }

  it('the worker writes each region head to its log and the head file; verify checks them', async () => {
    let worker: INestApplicationContext | undefined;
    try {
      worker = await startWorker({
        ...databaseEnv(url),
        AUDIT_HEAD_FILE: headFile,
        QUEUE_PREFIX: uniquePrefix(),
      });
      const heads = await eventuallyValue(
        'the worker to write the head of the region',
        () => readHeads(headFile),
        (found) => found.some((h) => h.regionId === regionId),
      );
      const newest = (await rows()).at(-1) as AuditEvent;
      expect(heads.find((h) => h.regionId === regionId)).toMatchObject({
        seq: newest.seq,
        id: newest.id,
        hash: newest.hash,
      });
      expect(readFileSync(headFile, 'utf8').trim().split('\n')[0]).toMatch(/^\{"exportedAt":"/);
    } finally {
      await worker?.close();
    }
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/events in \d+ regions verified, chain intact; [1-9]\d* exported heads on it/);
  }, 60_000);

  it('finds a row altered by the owner', async () => {
    await tampering(async (original) => {
      const target = original[1] as AuditEvent;
      await overwrite([{ ...target, after: { ...(target.after as object), name: 'Someone Else' } }]);
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.out).toContain(`region ${regionId}, seq ${target.seq}: content does not match its hash`);
    });
    expect((await verify()).code).toBe(0);
  });

  it('finds a chain rebuilt with SQL without the key: unkeyed, or with another key', async () => {
    await tampering(async (original) => {
      await overwrite(rebuilt(original, unkeyedChainHash));
      const unkeyed = await verify({ AUDIT_HEAD_FILE: '' });
      expect(unkeyed.code).toBe(1);
      expect(unkeyed.out).toContain(
        `region ${regionId}, seq ${original.at(-1)?.seq}: no event of the chain carries the keyed hash`,
      );

      await overwrite(
        rebuilt(original, (prev, e) => chainHash('a-guessed-key-of-thirty-two-characters', prev, e)),
      );
      const guessed = await verify({ AUDIT_HEAD_FILE: '' });
      expect(guessed.code).toBe(1);
      for (const e of original) {
        expect(guessed.out).toContain(`region ${regionId}, seq ${e.seq}: content does not match its hash`);
      }
    });
  });

  it('finds a chain rebuilt with the key when it no longer holds an exported head', async () => {
    const head = readHeads(headFile).find((h) => h.regionId === regionId);
    expect(head).toBeDefined();
    await tampering(async (original) => {
      await overwrite(rebuilt(original, (prev, e) => chainHash(api.config.audit.chainKey, prev, e)));
      // with the key the chain itself is consistent again: only the head written out shows it
      expect((await verify({ AUDIT_HEAD_FILE: '' })).code).toBe(0);
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.out).toContain(
        `region ${regionId}, seq ${head?.seq}: the head exported at ${head?.exportedAt} is no longer on the chain`,
      );
    });
    expect((await verify()).code).toBe(0);
  });

  it('takes rows from before the key only when a keyed event seals them (audit:seal, once)', async () => {
    const original = await rows();
    // the region's rows as the unkeyed chain of the time before the key wrote them
    let prev: string | null = null;
    await overwrite(
      original.map((e) => {
        const legacy: AuditEvent = { ...e, prevHash: prev };
        legacy.hash = unkeyedChainHash(prev, legacy);
        prev = legacy.hash;
        return legacy;
      }),
    );
    const noHeads = { AUDIT_HEAD_FILE: '' };
    expect((await verify(noHeads)).out).toContain('no event of the chain carries the keyed hash');
    expect(await cli('audit:seal', env)).toMatch(/sealed 1 chain\(s\) with the key/);
    expect(await cli('audit:seal', env)).toMatch(/no chain needed sealing/);
    const sealed = (await rows()).at(-1) as AuditEvent;
    expect(sealed).toMatchObject({
      action: 'audit-chain.keyed',
      entityType: 'audit-chain',
      prevHash: prev,
      after: { lastUnkeyedSeq: original.at(-1)?.seq, lastUnkeyedHash: prev },
    });
    expect((await verify(noHeads)).code).toBe(0);

    // a row before the seal changed and the unkeyed chain rebuilt up to it: the seal's link breaks
    const relinked = rebuilt(original, unkeyedChainHash);
    await overwrite(relinked);
    const result = await verify(noHeads);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`seq ${sealed.seq}: link to the previous event does not match`);
  });
});
