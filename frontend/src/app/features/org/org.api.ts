import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, AreaDto, UnitDto } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class OrgApi {
  private readonly http = inject(HttpClient);

  /** Areas of the logged-in user's region. */
  areas(): Observable<AreaDto[]> {
    return this.http.get<AreaDto[]>(apiUrl(ApiPath.orgAreas));
  }

  /** Units of the logged-in user's region. */
  units(): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>(apiUrl(ApiPath.orgUnits));
  }
}
