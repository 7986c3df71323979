import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  AreaDto,
  MetricGrouping,
  MetricSeriesDto,
  PurchasedHoursPageDto,
  PurchasedHoursQuery,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

/** Query parameters from a filter, leaving out what is not set. */
export function rowParams(query: PurchasedHoursQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

@Injectable({ providedIn: 'root' })
export class PurchasedHoursApi {
  private readonly http = inject(HttpClient);

  /** A page of imported rows. */
  rows(query: PurchasedHoursQuery): Observable<PurchasedHoursPageDto> {
    return this.http.get<PurchasedHoursPageDto>(apiUrl(ApiPath.purchasedHours), { params: rowParams(query) });
  }

  /** Hours or cost per month and group, with the same months a year earlier. */
  series(
    measure: 'hours' | 'costs',
    from: string,
    to: string,
    groupBy: MetricGrouping,
  ): Observable<MetricSeriesDto> {
    return this.http.get<MetricSeriesDto>(`${apiUrl(ApiPath.metrics)}/${measure}`, {
      params: new HttpParams().set('from', from).set('to', to).set('groupBy', groupBy),
    });
  }

  areas(): Observable<AreaDto[]> {
    return this.http.get<AreaDto[]>(apiUrl(ApiPath.orgAreas));
  }
}
