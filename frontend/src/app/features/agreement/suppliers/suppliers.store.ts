import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { SupplierDto } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

import { loaded } from '../../../shared/store/load-state.component';
import { reloading } from '../../../shared/store/reloading';
import { AgreementApi, NewSupplier, SupplierChange } from '../agreement.api';

/** The suppliers page's data: the region's suppliers, and the changes that reload them. */
@Injectable()
export class SuppliersStore {
  private readonly api = inject(AgreementApi);

  readonly suppliers = rxResource({ stream: () => this.api.suppliers(), defaultValue: [] });
  readonly ready = computed(() => loaded(this.suppliers));

  register(body: NewSupplier): Observable<SupplierDto> {
    return this.api.createSupplier(body).pipe(reloading(this.suppliers));
  }

  change(id: string, change: SupplierChange): Observable<SupplierDto> {
    return this.api.updateSupplier(id, change).pipe(reloading(this.suppliers));
  }
}
