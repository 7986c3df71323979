import type { Profession } from './agreement';
import type { DispensationDto } from './dispensations';
import type { ErrorCode, ErrorParams } from './errors';
import type { OrderStatus } from './orders';

/** One page of a list: the rows, how many match the filter in all, and where the page stands. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The largest page a list route gives. */
export const MAX_PAGE_SIZE = 100;

export type SortDirection = 'asc' | 'desc';
export const SORT_DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

/** Columns the orders' list sorts by (ties broken by id). */
export const ORDER_SORTS = [
  'created',
  'reference',
  'unit',
  'profession',
  'periodStart',
  'hours',
  'estimate',
  'status',
] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** Columns the dispensations' list sorts by; `priority`: waiting ones first, oldest first. */
export const DISPENSATION_SORTS = [
  'priority',
  'reference',
  'unit',
  'profession',
  'estimate',
  'submitted',
  'waiting',
  'status',
] as const;
export type DispensationSort = (typeof DISPENSATION_SORTS)[number];

/** A dispensation as its list shows it: with the order's profession and since when it waits. */
export interface DispensationListItem extends DispensationDto {
  profession: Profession;
  waitingSince: string;
}

/** What a purchaser sends to publish several approved orders at once. */
export interface PublishManyInput {
  orders: { id: string; version: number }[];
}

/** How publishing one of several orders went. */
export type PublishOutcome =
  | { id: string; reference: string | null; published: true; status: OrderStatus }
  | {
      id: string;
      reference: string | null;
      published: false;
      /** The refusal's code, params and (English) message, as the single publish would answer. */
      code: ErrorCode;
      params?: ErrorParams;
      message: string;
      /** The order's state now, when the user may see the order. */
      status: OrderStatus | null;
    };

export interface PublishManyResult {
  published: number;
  refused: number;
  results: PublishOutcome[];
}

/** What waits for the user now, for the navigation's counts. */
export interface WaitingCounts {
  /** Dispensations at a step the user may decide now. */
  dispensationsToDecide: number;
  /** Approved (or unfilled) orders the user may publish. */
  ordersToPublish: number;
  /** Published orders with bids to assess. */
  ordersWithBids: number;
}
