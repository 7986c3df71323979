import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { PriceZone } from '@hyrkoll/contracts';
import { forkJoin, map, Observable } from 'rxjs';

import { loaded } from '../../../shared/store/load-state.component';
import { reloading } from '../../../shared/store/reloading';
import { AgreementApi, MunicipalityZone } from '../agreement.api';
import { unitsPerMunicipality } from '../agreement-data';
import type { ZoneRow } from '../agreement-export';

/** The zones page's data: each municipality with its price zone and how many units lie in it. */
@Injectable()
export class ZonesStore {
  private readonly api = inject(AgreementApi);

  readonly rows = rxResource({
    stream: () =>
      forkJoin([this.api.municipalities(), this.api.units()]).pipe(
        map(([municipalities, units]): ZoneRow[] => {
          const counts = unitsPerMunicipality(units);
          return municipalities.map((m) => ({
            code: m.code,
            name: m.name,
            priceZone: m.priceZone,
            illustrative: m.priceZoneIllustrative,
            units: counts.get(m.code) ?? 0,
          }));
        }),
      ),
    defaultValue: [],
  });
  readonly ready = computed(() => loaded(this.rows));

  setPriceZone(code: string, zone: PriceZone): Observable<MunicipalityZone> {
    return this.api.setPriceZone(code, zone).pipe(reloading(this.rows));
  }
}
