import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One change in the audit trail. Rows are only ever inserted (the database refuses UPDATE,
 * DELETE and TRUNCATE); `hash` chains each row to the previous one of the same region.
 */
@Entity({ name: 'audit_events' })
@Unique('audit_events_id_key', ['id'])
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'seq'])
@Index('audit_events_region_seq_idx', ['regionId', 'seq'])
export class AuditEvent {
  /** Insertion order; bigint, so it arrives as a string. */
  @PrimaryColumn({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false })
  seq!: string;

  @Column({ type: 'uuid' })
  id!: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text' })
  hash!: string;
}
