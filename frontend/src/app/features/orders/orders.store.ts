import { inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type {
  BidInput,
  Justification,
  OrderDto,
  OrderInput,
  OrderStatus,
  PublishManyResult,
} from '@hyrkoll/contracts';
import { catchError, firstValueFrom, forkJoin, map, Observable, of } from 'rxjs';

import { apiProblemOf } from '../../shared/forms/api-problem';
import { justificationProblem } from './order-form-checks';
import { Assessment, OrderActionPath, OrderFilter, OrdersApi } from './orders.api';

/** What a write gave: its answer, or the error the page words. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The API refused the id of a page's record (malformed, not there, or not the user's): trying again
 * will not help, unlike after other failures.
 */
export function isMissing(error: unknown): boolean {
  const status = apiProblemOf(error).status;
  return status === 400 || status === 403 || status === 404;
}

/** What sending the order form gave. */
export type SendResult =
  | { ok: true; order: OrderDto }
  /** A dispensation is needed and this part of the justification is missing or too short. */
  | { ok: false; missing: 'need' | 'tried'; assessment: Assessment }
  /** The API refused; `draft` is the saved draft as it is now, when there is one. */
  | { ok: false; error: unknown; draft: OrderDto | null };

/**
 * The orders feature's data, provided by each page: reads are resources that load once their
 * parameter is set (the list's filter, the order's or the draft's id); writes set `busy`, say how
 * they went and read the order again.
 */
@Injectable()
export class OrdersStore {
  private readonly api = inject(OrdersApi);

  readonly busy = signal(false);

  /** The list's filter and page; a new object asks again, even with the same values. */
  readonly filter = signal<OrderFilter | undefined>(undefined);
  readonly list = rxResource({ params: () => this.filter(), stream: ({ params }) => this.api.list(params) });

  /** Publishes the chosen orders; the list and the navigation's counts load anew afterwards. */
  async publishMany(orders: OrderDto[]): Promise<Result<PublishManyResult>> {
    this.busy.set(true);
    try {
      const value = await firstValueFrom(this.api.publishMany(orders));
      this.list.reload();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.busy.set(false);
    }
  }

  /** The order the detail page shows, with its timeline, bids and booked hours. */
  readonly orderId = signal<string | undefined>(undefined);
  readonly order = rxResource({
    params: () => this.orderId(),
    stream: ({ params: id }) =>
      forkJoin({
        order: this.api.get(id),
        timeline: this.api.timeline(id),
        bids: this.api.bids(id),
        hours: this.api.hours(id),
      }),
  });
  /** What the last action on the order did, said on the page (which moves the focus there). */
  readonly changedTo = signal<{ what: 'status'; status: OrderStatus } | { what: 'bid' } | null>(null);

  /** The active suppliers a bid can come from, read once the bid form is first opened. */
  readonly suppliersWanted = signal(false);
  readonly suppliers = rxResource({
    params: () => this.suppliersWanted() || undefined,
    stream: () => this.api.suppliers().pipe(map((all) => all.filter((s) => s.status === 'ACTIVE'))),
  });

  /** The draft the form changes and sends (`/orders/new?draft=<id>`). */
  readonly draftId = signal<string | undefined>(undefined);
  readonly draft = rxResource({ params: () => this.draftId(), stream: ({ params: id }) => this.api.get(id) });

  /** The cost and the verdict of an order as it would be sent; null when they cannot be had. */
  estimate(order: OrderInput): Observable<Assessment | null> {
    return this.api.estimate(order).pipe(catchError(() => of(null)));
  }

  /** A lifecycle action on the shown order (publish, award, confirm, unfilled, close, cancel). */
  act(
    order: OrderDto,
    action: OrderActionPath,
    extra: Record<string, unknown> = {},
  ): Promise<Result<OrderDto>> {
    return this.write(this.api.act(order.id, action, { version: order.version, ...extra }), (o) => ({
      what: 'status',
      status: o.status,
    }));
  }

  registerBid(order: OrderDto, bid: BidInput): Promise<Result<unknown>> {
    return this.write(this.api.registerBid(order.id, bid), () => ({ what: 'bid' }));
  }

  /** Submits the shown draft as it is saved, with the justification when it needs a dispensation. */
  submitDraft(order: OrderDto, justification: Justification | undefined): Promise<Result<OrderDto>> {
    return this.write(this.api.submit(order.id, order.version, justification), (o) => ({
      what: 'status',
      status: o.status,
    }));
  }

  /**
   * Sends the order form: the verdict on the values sent decides whether the justification is
   * needed (the one shown may be a moment behind the form; it stands in when the estimate cannot be
   * had). The draft is saved first, changed when
   * there is one, else created once per content (a network retry gets the same draft back); then
   * submitted. After a failure the draft is read again: its version (or state) may have moved on.
   */
  async send(
    order: OrderInput,
    justification: Justification,
    draft: OrderDto | null,
    idempotencyKey: string,
    shown: Assessment | null,
  ): Promise<SendResult> {
    this.busy.set(true);
    let saved = draft;
    try {
      const assessment = (await firstValueFrom(this.estimate(order))) ?? shown;
      const needed = assessment?.needsDispensation ? justification : undefined;
      const missing = needed && justificationProblem(needed);
      if (assessment && missing) return { ok: false, missing, assessment };
      saved = await firstValueFrom(this.saving(order, saved, idempotencyKey));
      return { ok: true, order: await firstValueFrom(this.api.submit(saved.id, saved.version, needed)) };
    } catch (error) {
      const fresh = saved && (await firstValueFrom(this.api.get(saved.id)).catch(() => saved));
      return { ok: false, error, draft: fresh };
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * Saves the form as a draft without sending it: changes the draft when there is one, else
   * creates one (once per content). After a failure the draft is read again.
   */
  async saveDraft(order: OrderInput, draft: OrderDto | null, idempotencyKey: string): Promise<SendResult> {
    this.busy.set(true);
    try {
      return { ok: true, order: await firstValueFrom(this.saving(order, draft, idempotencyKey)) };
    } catch (error) {
      const fresh = draft && (await firstValueFrom(this.api.get(draft.id)).catch(() => draft));
      return { ok: false, error, draft: fresh };
    } finally {
      this.busy.set(false);
    }
  }

  /** The change of the draft there is (keeping what the form does not show), or a new draft. */
  private saving(order: OrderInput, draft: OrderDto | null, idempotencyKey: string): Observable<OrderDto> {
    return draft
      ? this.api.update(draft.id, {
          ...order,
          ...(draft.offAgreement && { offAgreement: true }),
          ...(draft.requestedHourlyRate && { requestedHourlyRate: draft.requestedHourlyRate }),
          ...(draft.extrasSek && { extrasSek: draft.extrasSek }),
          version: draft.version,
        })
      : this.api.create(order, idempotencyKey);
  }

  private async write<T>(
    call: Observable<T>,
    change: (value: T) => NonNullable<ReturnType<OrdersStore['changedTo']>>,
  ): Promise<Result<T>> {
    this.busy.set(true);
    this.changedTo.set(null);
    try {
      const value = await firstValueFrom(call);
      this.changedTo.set(change(value));
      this.order.reload();
      return { ok: true, value };
    } catch (error) {
      // the order may have moved on: the page shows it as it is now
      this.order.reload();
      return { ok: false, error };
    } finally {
      this.busy.set(false);
    }
  }
}
