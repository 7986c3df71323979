import { inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DispensationDetailDto, Justification } from '@hyrkoll/contracts';
import { firstValueFrom, Observable } from 'rxjs';

import type { Result } from '../orders/orders.store';
import { Decision, DispensationQuery, DispensationsApi } from './dispensations.api';

/**
 * The dispensations feature's data, provided by each page: the inbox's page and one dispensation
 * are resources that load once asked for (`query`, `dispensationId`); the decisions set `busy`,
 * say how they went and leave the dispensation as it now is.
 */
@Injectable()
export class DispensationsStore {
  private readonly api = inject(DispensationsApi);

  readonly busy = signal(false);

  /** The list's query (set by the inbox from its URL); a new object asks again. */
  readonly query = signal<DispensationQuery | undefined>(undefined);
  readonly inbox = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });

  readonly dispensationId = signal<string | undefined>(undefined);
  readonly dispensation = rxResource({
    params: () => this.dispensationId(),
    stream: ({ params: id }) => this.api.get(id),
  });

  decide(
    d: DispensationDetailDto,
    decision: Decision,
    body: Record<string, unknown>,
  ): Promise<Result<DispensationDetailDto>> {
    return this.write(d, this.api.decide(d.id, decision, body));
  }

  resubmit(d: DispensationDetailDto, justification: Justification): Promise<Result<DispensationDetailDto>> {
    return this.write(d, this.api.resubmit(d.id, d.version, justification));
  }

  withdraw(d: DispensationDetailDto): Promise<Result<DispensationDetailDto>> {
    return this.write(d, this.api.withdraw(d.id, d.version));
  }

  revoke(d: DispensationDetailDto, comment: string): Promise<Result<DispensationDetailDto>> {
    return this.write(d, this.api.revoke(d.id, d.version, comment));
  }

  /**
   * Sends an action; the answer is the dispensation as it now is. On failure it is read again
   * before the result is given, so that the page shows how it is now (decided by someone else,
   * say) together with what went wrong.
   */
  private async write(
    d: DispensationDetailDto,
    call: Observable<DispensationDetailDto>,
  ): Promise<Result<DispensationDetailDto>> {
    this.busy.set(true);
    try {
      const changed = await firstValueFrom(call);
      this.dispensation.set(changed);
      return { ok: true, value: changed };
    } catch (error) {
      await firstValueFrom(this.api.get(d.id))
        .then((fresh) => this.dispensation.set(fresh))
        .catch(() => undefined); // the error says what went wrong; the page keeps what it had
      return { ok: false, error };
    } finally {
      this.busy.set(false);
    }
  }
}
