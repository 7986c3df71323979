import type { EntityManager } from 'typeorm';

import { prepared, select } from '../../database/sql';

/** The SQL of resolving an operator's session (decision 018, decision 021). */

export interface OperatorSessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  writes_until: Date | null;
  operator_id: string;
  name: string;
  email: string;
}

/** $1 the token's hash. Only operators' sessions: a user's token never matches here. */
const OPERATOR_SESSION_LOOKUP = prepared(
  `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at,
          CASE WHEN s.writes_until > now() THEN s.writes_until END AS writes_until,
          o.id AS operator_id, o.name, o.email
     FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
    WHERE s.token_hash = $1 AND s.expires_at > now() AND o.active`,
);

export async function operatorSessionOfToken(
  m: EntityManager,
  hash: Buffer,
): Promise<OperatorSessionRow | undefined> {
  const [row] = await select<OperatorSessionRow>(m, OPERATOR_SESSION_LOOKUP, [hash]);
  return row;
}
