import { computed, inject, Injectable, signal } from '@angular/core';
import type { AreaDto, CareSetting, RegionDto, UnitDto } from '@hyrkoll/contracts';
import { firstValueFrom } from 'rxjs';
import { OrgApi } from './org.api';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** State of the organisation page: the region, its areas and units, and the filters. */
@Injectable()
export class OrgStore {
  private readonly api = inject(OrgApi);

  readonly state = signal<LoadState>('idle');
  readonly region = signal<RegionDto | null>(null);
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
      const [region] = await firstValueFrom(this.api.regions());
      if (!region) {
        this.region.set(null);
        this.state.set('ready');
        return;
      }
      const [areas, units] = await Promise.all([
        firstValueFrom(this.api.areas(region.code)),
        firstValueFrom(this.api.units(region.code)),
      ]);
      this.region.set(region);
      this.areas.set(areas);
      this.units.set(units);
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }
}
