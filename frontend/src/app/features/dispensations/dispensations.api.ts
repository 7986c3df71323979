import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, DispensationDto, Justification } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

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

  get(id: string): Observable<DispensationDto> {
    return this.http.get<DispensationDto>(`${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}`);
  }

  decide(id: string, decision: Decision, body: Record<string, unknown>): Observable<DispensationDto> {
    return this.http.post<DispensationDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/${decision}`,
      body,
    );
  }

  /** Answers a return with a new justification; the review starts again at step 1. */
  resubmit(id: string, version: number, justification: Justification): Observable<DispensationDto> {
    return this.http.post<DispensationDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/resubmit`,
      { version, justification },
    );
  }

  /** Withdraws the request before a decision; the order goes back to draft. */
  withdraw(id: string, version: number): Observable<DispensationDto> {
    return this.http.post<DispensationDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/withdraw`,
      { version },
    );
  }

  /** Revokes an approval, with a comment; an order not yet started is cancelled. */
  revoke(id: string, version: number, comment: string): Observable<DispensationDto> {
    return this.http.post<DispensationDto>(
      `${apiUrl(ApiPath.dispensations)}/${encodeURIComponent(id)}/revoke`,
      { version, comment },
    );
  }
}
