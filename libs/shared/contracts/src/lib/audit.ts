export interface AuditEventDto {
  id: string;
  seq: string;
  occurredAt: string;
  actor: { userId: string | null; name: string };
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Entity types that appear in the audit trail. */
export const AuditEntity = {
  USER: 'user',
  ORDER: 'order',
  BID: 'bid',
  DISPENSATION: 'dispensation',
  SUPPLIER: 'supplier',
  PRICE: 'price',
  MUNICIPALITY: 'municipality',
  TRAVEL_ALLOWANCE: 'travel-allowance',
  FORMER_EMPLOYEE: 'former-employee',
  POLICY: 'policy',
  AREA: 'area',
  UNIT: 'unit',
  IMPORT: 'import',
  BOARD_COMMENT: 'board-comment',
  /** The region's audit chain itself (its sealing with the key, decision 022). */
  AUDIT_CHAIN: 'audit-chain',
  /** An identity that signed in through the region's provider without a user (decision 024). */
  ACCESS_REQUEST: 'access-request',
  /** The region's identity provider settings. */
  IDENTITY_PROVIDER: 'identity-provider',
} as const;
export type AuditEntity = (typeof AuditEntity)[keyof typeof AuditEntity];
