import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { TravelAllowanceDto } from '@hyrkoll/contracts';
import { map, Observable } from 'rxjs';

import { loaded } from '../../../shared/store/load-state.component';
import { reloading } from '../../../shared/store/reloading';
import { AgreementApi, NewTravelAllowance } from '../agreement.api';
import { byValidFromDescending } from '../agreement-data';

/** The travel allowance page's data: its versions, newest first. */
@Injectable()
export class TravelAllowancesStore {
  private readonly api = inject(AgreementApi);

  readonly allowances = rxResource({
    stream: () => this.api.travelAllowances().pipe(map(byValidFromDescending)),
    defaultValue: [],
  });
  readonly ready = computed(() => loaded(this.allowances));

  /** Adds a version; the list is read anew, since the API may have closed the one before it. */
  add(body: NewTravelAllowance): Observable<TravelAllowanceDto> {
    return this.api.createTravelAllowance(body).pipe(reloading(this.allowances));
  }
}
