import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { PriceDto } from '@hyrkoll/contracts';
import { map, Observable } from 'rxjs';

import { loaded } from '../../../shared/store/load-state.component';
import { reloading } from '../../../shared/store/reloading';
import { AgreementApi, NewPrice } from '../agreement.api';
import { sortPrices } from '../agreement-data';

/** The price list page's data: every version of every price, in the agreement's order. */
@Injectable()
export class PricesStore {
  private readonly api = inject(AgreementApi);

  readonly prices = rxResource({ stream: () => this.api.prices().pipe(map(sortPrices)), defaultValue: [] });
  readonly ready = computed(() => loaded(this.prices));

  /** Adds a version; the list is read anew, since the API may have closed the one before it. */
  add(body: NewPrice): Observable<PriceDto> {
    return this.api.createPrice(body).pipe(reloading(this.prices));
  }
}
