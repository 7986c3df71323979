import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  AuditEventDto,
  DispensationDetailDto,
  DispensationDto,
  Justification,
} from '@hyrkoll/contracts';
import { map, Observable } from 'rxjs';

export type Decision = 'approve' | 'reject' | 'return';

@Injectable({ providedIn: 'root' })
export class DispensationsApi {
  private readonly http = inject(HttpClient);

  list(waitingForMe: boolean): Observable<{ items: DispensationDto[]; total: number }> {
    const params = new HttpParams().set('waitingForMe', waitingForMe).set('pageSize', 100);
    return this.http.get<{ items: DispensationDto[]; total: number }>(apiUrl(ApiPath.dispensations), {
      params,
    });
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
