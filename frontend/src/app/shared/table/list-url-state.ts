import { computed, inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, ParamMap, Router } from '@angular/router';

import { PAGE_SIZES, ServerSort, TablePage } from './table.component';

/** A paged list's state as the URL holds it: page, size, sort and the page's own filters. */
export interface ListUrlState<F extends string> {
  page: number;
  pageSize: number;
  sort: ServerSort | null;
  filters: Record<F, string>;
}

function positive(text: string | null, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

/** Which values of a filter a list can use; a value from the URL that fails is left out. */
export type FilterChecks<F extends string> = Partial<Record<F, (value: string) => boolean>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks for the filters lists share: an id, one or more of a list of values, an ISO date. */
export const filterCheck = {
  id: (value: string) => UUID.test(value),
  oneOf:
    (allowed: readonly string[]) =>
    (value: string): boolean =>
      value.split(',').every((item) => allowed.includes(item)),
  date: (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
};

/**
 * Reads the list's state from the query parameters. A value the list cannot use (an edited or
 * outdated link: `?status=BOGUS`, a page past the end) is left out rather than sent, so that a
 * link that can never work shows the list without it instead of an error to retry.
 */
export function readListState<F extends string>(
  params: ParamMap,
  filterNames: readonly F[],
  checks: FilterChecks<F> = {},
): ListUrlState<F> {
  const size = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const dir = params.get('dir');
  return {
    page: positive(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    sort: sort ? { column: sort, direction: dir === 'desc' ? 'desc' : 'asc' } : null,
    filters: Object.fromEntries(
      filterNames.map((name) => {
        const value = params.get(name) ?? '';
        const usable = value === '' || (checks[name]?.(value) ?? true);
        return [name, usable ? value : ''];
      }),
    ) as Record<F, string>,
  };
}

/**
 * Keeps a paged list's page, sort and filters in the URL's query parameters, so that a reload, a
 * shared link and the browser's back and forward show the same list. Made in a page's injection
 * context; `state` follows the URL, the setters navigate (a filter starts again at page 1).
 */
export class ListUrl<F extends string> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly params: Signal<ParamMap>;
  readonly state: Signal<ListUrlState<F>>;

  constructor(
    private readonly filterNames: readonly F[],
    private readonly checks: FilterChecks<F> = {},
  ) {
    this.params = toSignal(this.route.queryParamMap, { requireSync: true });
    this.state = computed(() => readListState(this.params(), this.filterNames, this.checks));
  }

  /** Shows another page; `replace` corrects the address instead of adding a step to the history. */
  setPage(page: TablePage, replace = false): void {
    this.navigate(
      {
        page: page.page > 1 ? page.page : null,
        pageSize: page.pageSize === PAGE_SIZES[0] ? null : page.pageSize,
      },
      replace,
    );
  }

  /** Sorts by the column, or in the list's own order when the column is empty. */
  setSort(sort: ServerSort): void {
    this.navigate(
      sort.column
        ? { sort: sort.column, dir: sort.direction, page: null }
        : { sort: null, dir: null, page: null },
    );
  }

  setFilters(filters: Partial<Record<F, string>>): void {
    const changes: Record<string, string | null> = { page: null };
    for (const [name, value] of Object.entries(filters)) changes[name] = (value as string) || null;
    this.navigate(changes);
  }

  private navigate(queryParams: Record<string, string | number | null>, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
