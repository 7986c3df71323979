import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_append(region, expected_prev, events)`: appends a transaction's audit events to its
 * region's chain in one round trip. It takes the region's chain lock (held until the commit),
 * reads the newest hash afresh (a statement inside a function sees what committed before it),
 * and inserts the events, in their order, only when that hash is the one the caller chained them
 * to; otherwise it inserts nothing and returns the newest hash, for the caller to chain again.
 */
export class AuditAppend1763857400000 implements MigrationInterface {
  name = 'AuditAppend1763857400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_append(p_region uuid, p_expected_prev text, p_events jsonb,
                                   OUT appended boolean, OUT head text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(4242, hashtext(p_region::text));
        SELECT a.hash INTO head FROM audit_events a WHERE a.region_id = p_region ORDER BY a.seq DESC LIMIT 1;
        IF head IS DISTINCT FROM p_expected_prev THEN
          appended := false;
          RETURN;
        END IF;
        INSERT INTO audit_events (id, region_id, occurred_at, actor_user_id, actor_name, request_id, action,
                                  entity_type, entity_id, before, after, prev_hash, hash)
        SELECT (e->>'id')::uuid, p_region, (e->>'occurredAt')::timestamptz, (e->>'actorUserId')::uuid,
               e->>'actorName', e->>'requestId', e->>'action', e->>'entityType', e->>'entityId',
               NULLIF(e->'before', 'null'::jsonb), NULLIF(e->'after', 'null'::jsonb), e->>'prevHash', e->>'hash'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
         ORDER BY n;
        appended := true;
        head := p_events->(jsonb_array_length(p_events) - 1)->>'hash';
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION audit_append(uuid, text, jsonb)');
  }
}
