import type { EntityManager } from 'typeorm';

import { tokenHash } from '../../common/auth/sessions';
import { execute } from '../../database/sql';

/** The operator's SQL (decision 018, decision 021); `OperatorService` keeps the rules. */

type Runner = Pick<EntityManager, 'query'>;

export interface OperatorRow {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  active: boolean;
  locked_until: Date | null;
}

export async function operatorByEmail(m: Runner, email: string): Promise<OperatorRow | undefined> {
  const [row] = await m.query<OperatorRow[]>(
    'SELECT id, name, email, password_hash, active, locked_until FROM operators WHERE email = $1',
    [email],
  );
  return row;
}

/** A new operator, or undefined when the e-mail address is taken. */
export async function insertOperator(
  m: Runner,
  operator: { email: string; name: string; passwordHash: string },
): Promise<string | undefined> {
  const [row] = await m.query<{ id: string }[]>(
    `INSERT INTO operators (email, name, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [operator.email, operator.name, operator.passwordHash],
  );
  return row?.id;
}

/** Sets an operator's password, unlocks the account and ends its sessions; undefined when unknown. */
export async function replaceOperatorPassword(
  m: EntityManager,
  email: string,
  passwordHash: string,
): Promise<string | undefined> {
  const {
    rows: [row],
  } = await execute<{ id: string }>(
    m,
    `UPDATE operators SET password_hash = $2, failed_logins = 0, locked_until = NULL, active = true
      WHERE email = $1 RETURNING id`,
    [email, passwordHash],
  );
  if (row) await m.query('DELETE FROM operator_sessions WHERE operator_id = $1', [row.id]);
  return row?.id;
}

/** Makes an operator unable to log in and ends its sessions; undefined when unknown. */
export async function deactivateOperator(m: EntityManager, email: string): Promise<string | undefined> {
  const {
    rows: [row],
  } = await execute<{ id: string }>(m, 'UPDATE operators SET active = false WHERE email = $1 RETURNING id', [
    email,
  ]);
  if (row) await m.query('DELETE FROM operator_sessions WHERE operator_id = $1', [row.id]);
  return row?.id;
}

/** Counts a failed login, and locks the account for `lockMinutes` at the `maxFailed`-th in a row. */
export async function countOperatorFailedLogin(
  m: Runner,
  id: string,
  maxFailed: number,
  lockMinutes: number,
): Promise<void> {
  await m.query(
    `UPDATE operators SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) END
     WHERE id = $1`,
    [id, maxFailed, lockMinutes],
  );
}

export async function clearOperatorFailedLogins(m: Runner, id: string): Promise<void> {
  await m.query('UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
}

/** Opens an operator's session that lives `idleMinutes` unless used; only the token's hash is kept. */
export async function insertOperatorSession(
  m: Runner,
  session: { token: string; operatorId: string; csrfToken: string; idleMinutes: number },
): Promise<void> {
  await m.query(
    `INSERT INTO operator_sessions (token_hash, operator_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [tokenHash(session.token), session.operatorId, session.csrfToken, session.idleMinutes],
  );
}

export async function deleteOperatorSession(m: Runner, token: string): Promise<void> {
  await m.query('DELETE FROM operator_sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Lets the board take changes in a session for `minutes` from now (0: no longer); the new end. */
export async function setWritesUntil(
  m: EntityManager,
  sessionId: string,
  minutes: number,
): Promise<Date | null> {
  const {
    rows: [row],
  } = await execute<{ writes_until: Date | null }>(
    m,
    `UPDATE operator_sessions
        SET writes_until = CASE WHEN $2 > 0 THEN now() + make_interval(mins => $2) END
      WHERE id = $1 RETURNING writes_until`,
    [sessionId, minutes],
  );
  return row?.writes_until ?? null;
}

/** One entry of the operators' append-only record. */
export interface OperatorEvent {
  operatorId: string | null;
  actorName: string;
  requestId: string | null;
  action: string;
  queue?: string | null;
  jobId?: string | null;
  outcome: 'allowed' | 'refused';
  detail?: Record<string, unknown>;
}

export async function insertOperatorEvent(m: Runner, event: OperatorEvent): Promise<void> {
  await m.query(
    `INSERT INTO operator_events (operator_id, actor_name, request_id, action, queue, job_id, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      event.operatorId,
      event.actorName,
      event.requestId,
      event.action,
      event.queue ?? null,
      event.jobId ?? null,
      event.outcome,
      JSON.stringify(event.detail ?? {}),
    ],
  );
}

export interface OperatorEventRow {
  seq: string;
  occurred_at: Date;
  actor_name: string;
  action: string;
  queue: string | null;
  job_id: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** The newest events of the operators' record, newest first. */
export async function latestOperatorEvents(m: Runner, limit: number): Promise<OperatorEventRow[]> {
  return m.query<OperatorEventRow[]>(
    `SELECT seq, occurred_at, actor_name, action, queue, job_id, outcome, detail
       FROM operator_events ORDER BY seq DESC LIMIT $1`,
    [limit],
  );
}
