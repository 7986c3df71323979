import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type {
  AreaDto,
  CreateAreaRequest,
  CreateUnitRequest,
  UnitDto,
  UpdateAreaRequest,
  UpdateUnitRequest,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { reloading } from '../../shared/store/reloading';
import { AdminApi } from './admin.api';

/** The organisation page's data: areas (with their unit counts), units and municipalities. */
@Injectable()
export class OrgAdminStore {
  private readonly api = inject(AdminApi);

  readonly areas = rxResource({ stream: () => this.api.areas(), defaultValue: [] });
  readonly units = rxResource({ stream: () => this.api.units(), defaultValue: [] });
  readonly municipalities = rxResource({ stream: () => this.api.municipalities(), defaultValue: [] });
  readonly ready = computed(() => loaded(this.areas, this.units, this.municipalities));

  // the units show their area's name and the areas count their units: a change reloads both
  createArea(body: CreateAreaRequest): Observable<AreaDto> {
    return this.api.createArea(body).pipe(reloading(this.areas, this.units));
  }

  updateArea(id: string, body: UpdateAreaRequest): Observable<AreaDto> {
    return this.api.updateArea(id, body).pipe(reloading(this.areas, this.units));
  }

  createUnit(body: CreateUnitRequest): Observable<UnitDto> {
    return this.api.createUnit(body).pipe(reloading(this.units, this.areas));
  }

  updateUnit(id: string, body: UpdateUnitRequest): Observable<UnitDto> {
    return this.api.updateUnit(id, body).pipe(reloading(this.units, this.areas));
  }
}
