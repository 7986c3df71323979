import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  DispensationRegisterDto,
  MetricGrouping,
  MetricSeriesDto,
  NationalComparisonDto,
  RatioLevel,
  RatioSeriesDto,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

const METRICS = apiUrl(ApiPath.metrics);

/** The steering measures (`/api/metrics/…`); every range is `from`–`to` in whole months. */
@Injectable({ providedIn: 'root' })
export class MetricsApi {
  private readonly http = inject(HttpClient);

  skrRatio(from: string, to: string, level: RatioLevel): Observable<RatioSeriesDto> {
    return this.http.get<RatioSeriesDto>(`${METRICS}/skr-ratio`, {
      params: new HttpParams().set('from', from).set('to', to).set('level', level),
    });
  }

  costs(from: string, to: string, groupBy: MetricGrouping): Observable<MetricSeriesDto> {
    return this.http.get<MetricSeriesDto>(`${METRICS}/costs`, {
      params: new HttpParams().set('from', from).set('to', to).set('groupBy', groupBy),
    });
  }

  hours(from: string, to: string, groupBy: MetricGrouping): Observable<MetricSeriesDto> {
    return this.http.get<MetricSeriesDto>(`${METRICS}/hours`, {
      params: new HttpParams().set('from', from).set('to', to).set('groupBy', groupBy),
    });
  }

  dispensationRegister(from: string, to: string): Observable<DispensationRegisterDto> {
    return this.http.get<DispensationRegisterDto>(`${METRICS}/dispensation-register`, {
      params: new HttpParams().set('from', from).set('to', to),
    });
  }

  nationalComparison(from: string, to: string): Observable<NationalComparisonDto> {
    return this.http.get<NationalComparisonDto>(`${METRICS}/national-comparison`, {
      params: new HttpParams().set('from', from).set('to', to),
    });
  }
}
