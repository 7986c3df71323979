import { computed, inject, Injectable, signal } from '@angular/core';
import type { AreaDto, CareSetting, UnitDto } from '@hyrkoll/contracts';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { OrgApi } from './org.api';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** State of the organisation page: the user's region, its areas and units, and the filters. */
@Injectable()
export class OrgStore {
  private readonly api = inject(OrgApi);
  private readonly auth = inject(AuthStore);

  readonly state = signal<LoadState>('idle');
  readonly region = computed(() => this.auth.me()?.region ?? null);
  readonly areas = signal<AreaDto[]>([]);
  readonly units = signal<UnitDto[]>([]);
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

  async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [areas, units] = await Promise.all([
        firstValueFrom(this.api.areas()),
        firstValueFrom(this.api.units()),
      ]);
      this.areas.set(areas);
      this.units.set(units);
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }
}
