import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: jobs are written in the same transaction as the change that needs
 * them and relayed to BullMQ afterwards, so that a Redis outage delays work but never loses it.
 */
export class Outbox1763857200000 implements MigrationInterface {
  name = 'Outbox1763857200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue_prefix text NOT NULL,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        data jsonb NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (queue_prefix, id) WHERE relayed_at IS NULL`);
    await q.query(`CREATE INDEX outbox_relayed_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
