import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  AuditEventDto,
  BidDto,
  BidInput,
  CostEstimate,
  Justification,
  OrderDto,
  OrderHoursDto,
  OrderInput,
  OrderSort,
  OrderStatus,
  PublishManyResult,
  SortDirection,
  SupplierDto,
  TriggeredRule,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

export interface OrderPage {
  items: OrderDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** The cost and the rule engine's verdict on an order as it would be sent. */
export interface Assessment {
  estimate: CostEstimate;
  rules: TriggeredRule[];
  needsDispensation: boolean;
  stepsRequired: number;
}

export type OrderActionPath = 'publish' | 'unfilled' | 'close' | 'cancel' | 'award' | 'confirm';

/** The orders' list's query: the filters, the sort and the page (empty filters are left out). */
export interface OrderFilter {
  status: OrderStatus[];
  q: string;
  areaId?: string;
  unitId?: string;
  profession?: string;
  from?: string;
  to?: string;
  sort?: OrderSort;
  dir?: SortDirection;
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
    for (const name of ['areaId', 'unitId', 'profession', 'from', 'to', 'sort', 'dir'] as const) {
      const value = filter[name];
      if (value) params = params.set(name, value);
    }
    return this.http.get<OrderPage>(apiUrl(ApiPath.orders), { params });
  }

  /** Publishes several orders; the answer says for each whether it was published, or why not. */
  publishMany(orders: Pick<OrderDto, 'id' | 'version'>[]): Observable<PublishManyResult> {
    return this.http.post<PublishManyResult>(apiUrl(ApiPath.ordersPublishMany), {
      orders: orders.map(({ id, version }) => ({ id, version })),
    });
  }

  get(id: string): Observable<OrderDto> {
    return this.http.get<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}`);
  }

  /** A draft: a new one (made once per Idempotency-Key), or a change of one there is. */
  create(order: OrderInput, idempotencyKey: string): Observable<OrderDto> {
    return this.http.post<OrderDto>(apiUrl(ApiPath.orders), order, {
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  update(id: string, changes: OrderInput & Record<string, unknown>): Observable<OrderDto> {
    return this.http.patch<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}`, changes);
  }

  /** Sends a draft, with the justification when it needs a dispensation. */
  submit(id: string, version: number, justification: Justification | undefined): Observable<OrderDto> {
    return this.http.post<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/submit`, {
      version,
      justification,
    });
  }

  estimate(order: OrderInput): Observable<Assessment> {
    return this.http.post<Assessment>(apiUrl(ApiPath.orderEstimate), order);
  }

  timeline(id: string): Observable<AuditEventDto[]> {
    return this.http.get<AuditEventDto[]>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/timeline`);
  }

  hours(id: string): Observable<OrderHoursDto> {
    return this.http.get<OrderHoursDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/hours`);
  }

  suppliers(): Observable<SupplierDto[]> {
    return this.http.get<SupplierDto[]>(apiUrl(ApiPath.agreementSuppliers));
  }

  /** A lifecycle action on an order (publish, unfilled, close, cancel, award, confirm). */
  act(id: string, action: OrderActionPath, body: Record<string, unknown>): Observable<OrderDto> {
    return this.http.post<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/${action}`, body);
  }

  registerBid(id: string, bid: BidInput): Observable<BidDto> {
    return this.http.post<BidDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/bids`, bid);
  }

  bids(id: string): Observable<BidDto[]> {
    return this.http.get<BidDto[]>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(id)}/bids`);
  }
}
