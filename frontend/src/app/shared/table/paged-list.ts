import { computed, effect, linkedSignal, Resource, Signal, untracked } from '@angular/core';
import type { ListPage } from '@hyrkoll/contracts';
import { firstValueFrom, Observable } from 'rxjs';

import { loaded } from '../store/load-state.component';
import { FilterChecks, ListUrl, ListUrlState } from './list-url-state';
import type { ServerSort } from './table.component';

/** A list query's page and size, as the list routes take them. */
export interface PageQuery {
  page: number;
  pageSize: number;
}

/** The API's largest page; an export walks the pages up to EXPORT_LIMIT rows. */
const EXPORT_PAGE_SIZE = 100;
const EXPORT_LIMIT = 10_000;

/**
 * Every row of a query, page by page, up to `limit` (for an export of the whole list, not only
 * the page shown).
 */
export async function fetchEveryPage<T>(
  fetch: (page: number, pageSize: number) => Observable<ListPage<T>>,
  pageSize = EXPORT_PAGE_SIZE,
  limit = EXPORT_LIMIT,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < limit; page++) {
    const result = await firstValueFrom(fetch(page, pageSize));
    rows.push(...result.items);
    if (result.items.length < pageSize || rows.length >= result.total) break;
  }
  return rows.slice(0, limit);
}

/** The last page of `total` rows in pages of `pageSize` (1 for an empty list). */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** How a page wires its paged list (see `PagedList`). */
export interface PagedListOptions<F extends string, Q extends PageQuery, T> {
  /** The list's filters, as named in the URL, and which values of them it can use. */
  filters: readonly F[];
  checks?: FilterChecks<F>;
  /** The API's columns to sort by; another column in the URL is left out. */
  sorts: readonly string[];
  /** The API's query for the state the URL holds (`sort` is a known column, or null). */
  query: (state: ListUrlState<F>, sort: ServerSort | null) => Q;
  /** Asks the page's store for this query's page (its resource reads it). */
  load: (query: Q) => void;
  /** The store's resource that reads the page. */
  resource: Resource<ListPage<T> | undefined>;
  /** Reads one page of a query, for the export of every row. */
  fetch: (query: Q) => Observable<ListPage<T>>;
}

/**
 * A server-paged list's wiring, shared by its pages: page, size, sort and filters in the URL
 * (`ListUrl`), the API's query made from them, the page read (empty until there is one), and the
 * export of every row the filter selects. A page number past the end (an old link, rows gone since)
 * shows the last page instead, and the URL says so (replaced, so that Back does not return to it).
 */
export class PagedList<F extends string, Q extends PageQuery, T> {
  readonly url: ListUrl<F>;
  readonly state: Signal<ListUrlState<F>>;
  readonly query: Signal<Q>;
  /** The sort the table shows: a column the API sorts by, or none. */
  readonly serverSort: Signal<ServerSort | null>;
  /** The page read, or an empty one until there is one. */
  readonly page: Signal<ListPage<T>>;
  readonly ready: Signal<boolean>;

  constructor(private readonly options: PagedListOptions<F, Q, T>) {
    this.url = new ListUrl(options.filters, options.checks);
    this.state = this.url.state;
    this.serverSort = computed(() => {
      const sort = this.state().sort;
      return sort && options.sorts.includes(sort.column) ? sort : null;
    });
    this.query = computed(() => options.query(this.state(), this.serverSort()));
    const resource = options.resource;
    // While another page, sort or filter loads, the page read last stays (the table and its pager
    // stay, and with them the control the user pressed and its focus); an error empties it.
    const shown = linkedSignal<{ read: ListPage<T> | undefined; loading: boolean }, ListPage<T> | null>({
      source: () => ({
        read: resource.hasValue() ? resource.value() : undefined,
        loading: resource.status() === 'loading',
      }),
      computation: ({ read, loading }, previous) => read ?? (loading ? (previous?.value ?? null) : null),
    });
    this.page = computed(() => shown() ?? { items: [], total: 0, page: 1, pageSize: this.state().pageSize });
    this.ready = computed(
      () => loaded(resource as Resource<unknown> & { reload(): boolean }) || shown() !== null,
    );
    effect(() => options.load(this.query()));
    effect(() => {
      if (resource.status() !== 'resolved' || !resource.hasValue()) return;
      const read = resource.value();
      if (!read || read.items.length > 0 || read.total === 0) return;
      const last = lastPage(read.total, read.pageSize);
      if (read.page > last) untracked(() => this.url.setPage({ page: last, pageSize: read.pageSize }, true));
    });
  }

  /** Every row the filter selects, in the order shown, for the export (the table's `exportAll`). */
  readonly fetchAll = (): Promise<T[]> =>
    fetchEveryPage((page, pageSize) => this.options.fetch({ ...this.query(), page, pageSize }));
}
