import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  AuditEventDto,
  DispensationDetailDto,
  DispensationListItem,
  DispensationSort,
  Justification,
  ListPage,
  SortDirection,
} from '@hyrkoll/contracts';
import { map, Observable } from 'rxjs';

export type Decision = 'approve' | 'reject' | 'return';

/** The dispensations' list's query: the filters, the sort and the page (empty filters are left out). */
export interface DispensationQuery {
  waitingForMe: boolean;
  status?: string;
  areaId?: string;
  q?: string;
  sort?: DispensationSort;
  dir?: SortDirection;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class DispensationsApi {
  private readonly http = inject(HttpClient);

  /** One page of the dispensations the filter selects. */
  list(query: DispensationQuery): Observable<ListPage<DispensationListItem>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.waitingForMe) params = params.set('waitingForMe', true);
    for (const name of ['status', 'areaId', 'q', 'sort', 'dir'] as const) {
      const value = query[name]?.trim();
      if (value) params = params.set(name, value);
    }
    return this.http.get<ListPage<DispensationListItem>>(apiUrl(ApiPath.dispensations), { params });
  }

  get(id: string): Observable<DispensationDetailDto> {
    return this.http.get<DispensationDetailDto>(`${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}`);
  }

  decide(id: string, decision: Decision, body: Record<string, unknown>): Observable<DispensationDetailDto> {
    return this.http.post<DispensationDetailDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/${decision}`,
      body,
    );
  }

  /** Answers a return with a new justification; the review starts again at step 1. */
  resubmit(id: string, version: number, justification: Justification): Observable<DispensationDetailDto> {
    return this.http.post<DispensationDetailDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/resubmit`,
      { version, justification },
    );
  }

  /** Withdraws the request before a decision; the order goes back to draft. */
  withdraw(id: string, version: number): Observable<DispensationDetailDto> {
    return this.http.post<DispensationDetailDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/withdraw`,
      { version },
    );
  }

  /** Revokes an approval, with a comment; an order not yet started is cancelled. */
  revoke(id: string, version: number, comment: string): Observable<DispensationDetailDto> {
    return this.http.post<DispensationDetailDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/revoke`,
      { version, comment },
    );
  }

  /**
   * The dispensation's events from its order's history (the order page reads the same route),
   * oldest first.
   */
  timeline(orderId: string, id: string): Observable<AuditEventDto[]> {
    return this.http
      .get<AuditEventDto[]>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(orderId)}/timeline`)
      .pipe(map((events) => events.filter((e) => e.entityType === 'dispensation' && e.entityId === id)));
  }
}
