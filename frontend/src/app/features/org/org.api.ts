import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, AreaDto, RegionDto, UnitDto } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class OrgApi {
  private readonly http = inject(HttpClient);

  regions(): Observable<RegionDto[]> {
    return this.http.get<RegionDto[]>(apiUrl(ApiPath.orgRegions));
  }

  areas(region: string): Observable<AreaDto[]> {
    return this.http.get<AreaDto[]>(apiUrl(ApiPath.orgAreas), {
      params: new HttpParams().set('region', region),
    });
  }

  units(region: string): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>(apiUrl(ApiPath.orgUnits), {
      params: new HttpParams().set('region', region),
    });
  }
}
