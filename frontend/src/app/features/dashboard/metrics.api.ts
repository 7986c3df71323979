import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  BoardCommentDto,
  DispensationInUseDto,
  DispensationRegisterDto,
  MetricFilters,
  MetricGrouping,
  MetricSeriesDto,
  NationalComparisonDto,
  RatioLevel,
  RatioSeriesDto,
  RegionRatioDto,
  SaveBoardCommentBody,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

const METRICS = apiUrl(ApiPath.metrics);
const COMMENTS = apiUrl(ApiPath.boardComments);

function params(values: Record<string, string | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) result = result.set(key, value);
  return result;
}

/** The steering measures (`/api/metrics/…`); every range is `from`–`to` in whole months. */
@Injectable({ providedIn: 'root' })
export class MetricsApi {
  private readonly http = inject(HttpClient);

  skrRatio(
    from: string,
    to: string,
    level: RatioLevel,
    filters: MetricFilters = {},
  ): Observable<RatioSeriesDto> {
    const { area, careSetting, professionGroup } = filters;
    return this.http.get<RatioSeriesDto>(`${METRICS}/skr-ratio`, {
      params: params({ from, to, level, area, careSetting, professionGroup }),
    });
  }

  regionRatio(month: string): Observable<RegionRatioDto> {
    return this.http.get<RegionRatioDto>(`${METRICS}/region-ratio`, { params: params({ month }) });
  }

  costs(
    from: string,
    to: string,
    groupBy: MetricGrouping,
    filters: MetricFilters = {},
  ): Observable<MetricSeriesDto> {
    return this.http.get<MetricSeriesDto>(`${METRICS}/costs`, {
      params: params({ from, to, groupBy, ...filters }),
    });
  }

  hours(
    from: string,
    to: string,
    groupBy: MetricGrouping,
    filters: MetricFilters = {},
  ): Observable<MetricSeriesDto> {
    return this.http.get<MetricSeriesDto>(`${METRICS}/hours`, {
      params: params({ from, to, groupBy, ...filters }),
    });
  }

  dispensationRegister(
    from: string,
    to: string,
    filters: MetricFilters = {},
  ): Observable<DispensationRegisterDto> {
    return this.http.get<DispensationRegisterDto>(`${METRICS}/dispensation-register`, {
      params: params({ from, to, ...filters }),
    });
  }

  dispensationsInUse(
    from: string,
    to: string,
    filters: MetricFilters = {},
  ): Observable<DispensationInUseDto[]> {
    return this.http.get<DispensationInUseDto[]>(`${METRICS}/dispensations-in-use`, {
      params: params({ from, to, ...filters }),
    });
  }

  nationalComparison(from: string, to: string): Observable<NationalComparisonDto> {
    return this.http.get<NationalComparisonDto>(`${METRICS}/national-comparison`, {
      params: params({ from, to }),
    });
  }

  boardComment(month: string): Observable<{ comment: BoardCommentDto | null }> {
    return this.http.get<{ comment: BoardCommentDto | null }>(`${COMMENTS}/${month}`);
  }

  saveBoardComment(month: string, body: SaveBoardCommentBody): Observable<BoardCommentDto> {
    return this.http.put<BoardCommentDto>(`${COMMENTS}/${month}`, body);
  }
}
