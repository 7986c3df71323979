import { randomBytes } from 'node:crypto';

import { ErrorCode, OperatorMeDto } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import {
  AuthOperator,
  OPERATOR_IDLE_MINUTES,
  OperatorSessionResolver,
} from '../../common/auth/operator-sessions';
import { hashPassword, verifyPassword } from '../../common/auth/passwords';
import { DomainError } from '../../common/errors/domain-error';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../auth/auth.service';
import {
  clearOperatorFailedLogins,
  countOperatorFailedLogin,
  deactivateOperator,
  deleteOperatorSession,
  insertOperator,
  insertOperatorEvent,
  insertOperatorSession,
  latestOperatorEvents,
  operatorByEmail,
  OperatorEvent,
  OperatorEventRow,
  replaceOperatorPassword,
  setWritesUntil,
} from './operator.queries';

/** How long the queue board takes changes once the operator switches writing on. */
export const OPERATOR_WRITE_MINUTES = 15;

/** Who ran a command line: the operating-system account, for the operators' record. */
export interface CliActor {
  name: string;
}

/** A generated password: 144 random bits, 24 characters, shown once and stored only as a hash. */
function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The deployment's operator (decision 021): created and reset only from the command line, logs in
 * with a session of its own, and switches the queue board's writing on for a while. Everything
 * it does is appended to `operator_events`.
 */
@Injectable()
export class OperatorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions?: OperatorSessionResolver,
  ) {}

  /** Appends to the operators' record (the board's writes, logins, writing switched on or off). */
  record(event: OperatorEvent): Promise<void> {
    return insertOperatorEvent(this.dataSource, event);
  }

  latest(limit: number): Promise<OperatorEventRow[]> {
    return latestOperatorEvents(this.dataSource, limit);
  }

  /** CLI: a new operator with a generated password, which is returned to be shown once. */
  async create(email: string, name: string, by: CliActor): Promise<string> {
    const password = generatedPassword();
    const address = normalEmail(email);
    await this.dataSource.transaction(async (m) => {
      const id = await insertOperator(m, {
        email: address,
        name: name.trim(),
        passwordHash: await hashPassword(password),
      });
      if (!id) throw new Error(`an operator with the e-mail address ${address} exists already`);
      await insertOperatorEvent(m, this.cliEvent(by, 'operator.create', { operatorId: id, email: address }));
    });
    return password;
  }

  /** CLI: a new generated password for an operator (unlocked, every session ended). */
  async resetPassword(email: string, by: CliActor): Promise<string> {
    const password = generatedPassword();
    const address = normalEmail(email);
    await this.dataSource.transaction(async (m) => {
      const id = await replaceOperatorPassword(m, address, await hashPassword(password));
      if (!id) throw new Error(`no operator has the e-mail address ${address}`);
      await insertOperatorEvent(
        m,
        this.cliEvent(by, 'operator.password', { operatorId: id, email: address }),
      );
    });
    return password;
  }

  /** CLI: an operator who may no longer log in (every session ended). */
  async deactivate(email: string, by: CliActor): Promise<void> {
    const address = normalEmail(email);
    await this.dataSource.transaction(async (m) => {
      const id = await deactivateOperator(m, address);
      if (!id) throw new Error(`no operator has the e-mail address ${address}`);
      await insertOperatorEvent(
        m,
        this.cliEvent(by, 'operator.deactivate', { operatorId: id, email: address }),
      );
    });
  }

  /** Checks the password and opens an operator's session (a session cookie sent along is ended). */
  async login(
    email: string,
    password: string,
    meta: { requestId: string; previousToken?: string },
  ): Promise<{ token: string; operator: AuthOperator }> {
    const address = normalEmail(email).slice(0, 254);
    const operator = await operatorByEmail(this.dataSource, address);
    const passwordOk = await verifyPassword(operator?.password_hash ?? null, password);
    const refuse = async (reason: string, error: DomainError): Promise<never> => {
      await this.record({
        operatorId: operator?.id ?? null,
        actorName: operator?.name ?? address,
        requestId: meta.requestId,
        action: 'login',
        outcome: 'refused',
        detail: { reason },
      });
      throw error;
    };
    const wrong = new DomainError(ErrorCode.LOGIN_FAILED, 'Wrong e-mail address or password');
    if (!operator || !operator.active) return refuse('unknown or inactive', wrong);
    // As the users' login (decision 023): a locked account answers as an unknown one, and any try
    // while locked, the right password included, is one more failure (and renews the lock).
    const locked = operator.locked_until !== null && operator.locked_until > new Date();
    if (locked || !passwordOk) {
      await countOperatorFailedLogin(this.dataSource, operator.id, MAX_FAILED_LOGINS, LOCK_MINUTES);
      return refuse(locked ? 'locked' : 'wrong password', wrong);
    }
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (m) => {
      await clearOperatorFailedLogins(m, operator.id);
      if (meta.previousToken) await deleteOperatorSession(m, meta.previousToken);
      await insertOperatorSession(m, {
        token,
        operatorId: operator.id,
        csrfToken: randomBytes(24).toString('base64url'),
        idleMinutes: OPERATOR_IDLE_MINUTES,
      });
      await insertOperatorEvent(m, {
        operatorId: operator.id,
        actorName: operator.name,
        requestId: meta.requestId,
        action: 'login',
        outcome: 'allowed',
      });
    });
    const resolved = await this.resolver().resolve(token);
    if (!resolved) throw new Error('an operator session just created could not be read back');
    return { token, operator: resolved };
  }

  logout(token: string): Promise<void> {
    return deleteOperatorSession(this.dataSource, token);
  }

  /**
   * Switches the queue board's writing on for this session for OPERATOR_WRITE_MINUTES (again:
   * from now), or off. Recorded with the reason the operator gave.
   */
  async setWrites(
    operator: AuthOperator,
    on: { reason: string } | null,
    requestId: string,
  ): Promise<OperatorMeDto> {
    const until = await this.dataSource.transaction(async (m) => {
      const end = await setWritesUntil(m, operator.sessionId, on ? OPERATOR_WRITE_MINUTES : 0);
      await insertOperatorEvent(m, {
        operatorId: operator.id,
        actorName: operator.name,
        requestId,
        action: on ? 'writes.on' : 'writes.off',
        outcome: 'allowed',
        detail: on ? { reason: on.reason, until: end?.toISOString() ?? null } : {},
      });
      return end;
    });
    return this.me({ ...operator, writesUntil: until });
  }

  me(operator: AuthOperator): OperatorMeDto {
    return {
      id: operator.id,
      name: operator.name,
      email: operator.email,
      csrfToken: operator.csrfToken,
      writesUntil: operator.writesUntil?.toISOString() ?? null,
    };
  }

  private resolver(): OperatorSessionResolver {
    if (!this.sessions) throw new Error('OperatorService made without a session resolver');
    return this.sessions;
  }

  private cliEvent(by: CliActor, action: string, detail: Record<string, unknown>): OperatorEvent {
    return {
      operatorId: null,
      actorName: `cli: ${by.name}`,
      requestId: null,
      action,
      outcome: 'allowed',
      detail,
    };
  }
}
