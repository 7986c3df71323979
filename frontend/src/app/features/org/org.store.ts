import { computed, inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { CareSetting } from '@hyrkoll/contracts';
import { forkJoin } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { loaded } from '../../shared/store/load-state.component';
import { OrgApi } from './org.api';

/** State of the organisation page: the user's region, its areas and units (a resource), and the filters. */
@Injectable()
export class OrgStore {
  private readonly api = inject(OrgApi);
  private readonly auth = inject(AuthStore);

  readonly org = rxResource({ stream: () => forkJoin({ areas: this.api.areas(), units: this.api.units() }) });
  readonly ready = computed(() => loaded(this.org));
  readonly region = computed(() => this.auth.me()?.region ?? null);
  readonly areas = computed(() => (this.org.hasValue() ? this.org.value().areas : []));
  readonly units = computed(() => (this.org.hasValue() ? this.org.value().units : []));
  readonly areaFilter = signal<string>('');
  readonly careSettingFilter = signal<CareSetting | ''>('');

  readonly visibleUnits = computed(() => {
    const area = this.areaFilter();
    const careSetting = this.careSettingFilter();
    return this.units().filter(
      (u) => (!area || u.area.code === area) && (!careSetting || u.careSetting === careSetting),
    );
  });

  readonly zonesAreIllustrative = computed(() =>
    this.units().some((u) => u.municipality.priceZoneIllustrative),
  );
}
