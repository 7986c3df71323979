import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, AuditEventDto, BidDto, OrderDto, OrderStatus } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

export interface OrderPage {
  items: OrderDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OrderFilter {
  status: OrderStatus[];
  q: string;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);

  list(filter: OrderFilter): Observable<OrderPage> {
    let params = new HttpParams().set('page', filter.page).set('pageSize', filter.pageSize);
    if (filter.status.length) params = params.set('status', filter.status.join(','));
    if (filter.q.trim()) params = params.set('q', filter.q.trim());
    return this.http.get<OrderPage>(apiUrl(ApiPath.orders), { params });
  }

  get(id: string): Observable<OrderDto> {
    return this.http.get<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}`);
  }

  timeline(id: string): Observable<AuditEventDto[]> {
    return this.http.get<AuditEventDto[]>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/timeline`);
  }

  bids(id: string): Observable<BidDto[]> {
    return this.http.get<BidDto[]>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/bids`);
  }
}
