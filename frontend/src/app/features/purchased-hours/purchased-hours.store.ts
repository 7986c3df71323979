import { computed, inject, Injectable, linkedSignal, Signal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { PurchasedHoursQuery, PurchasedHoursRowDto } from '@hyrkoll/contracts';
import { firstValueFrom, forkJoin, map } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { groupingOf, SummaryView } from './hours-summary';
import { PurchasedHoursApi } from './purchased-hours.api';

/** A resource's value, or the last one it had while the next is read or after it failed. */
function lastValue<T>(resource: { hasValue(): boolean; value: Signal<T | undefined> }): Signal<T | null> {
  return linkedSignal<T | undefined, T | null>({
    source: () => (resource.hasValue() ? resource.value() : undefined),
    computation: (value, previous) => value ?? previous?.value ?? null,
  });
}

/**
 * What the purchased-hours page reads, as resources: first the latest month with data and the
 * areas (`start`), then the summary of a period and the rows of a filter, each asked again when
 * its query is set (a newer query drops an older one's answer).
 */
@Injectable()
export class PurchasedHoursStore {
  private readonly api = inject(PurchasedHoursApi);

  readonly start = rxResource({
    stream: () =>
      forkJoin({ first: this.api.rows({ pageSize: 1 }), areas: this.api.areas() }).pipe(
        map(({ first, areas }) => ({
          latestMonth: first.latestMonth,
          areas: [...areas].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
        })),
      ),
  });
  readonly startReady = computed(() => loaded(this.start));

  /** The summary's period and view. */
  readonly summaryQuery = signal<{ from: string; to: string; view: SummaryView } | undefined>(undefined);
  readonly summary = rxResource({
    params: () => this.summaryQuery(),
    stream: ({ params: { from, to, view } }) =>
      forkJoin({
        hours: this.api.series('hours', from, to, groupingOf(view)),
        costs: this.api.series('costs', from, to, groupingOf(view)),
      }).pipe(map((series) => ({ ...series, view }))),
  });
  readonly summaryReady = computed(() => loaded(this.summary));
  readonly lastSummary = lastValue(this.summary);

  readonly rowsQuery = signal<PurchasedHoursQuery | undefined>(undefined);
  readonly rows = rxResource({
    params: () => this.rowsQuery(),
    stream: ({ params }) => this.api.rows(params),
  });
  readonly rowsReady = computed(() => loaded(this.rows));
  readonly lastRows = lastValue(this.rows);

  /** Every row of a query, page by page, for an export of the whole list. */
  async allRows(query: (page: number) => PurchasedHoursQuery): Promise<PurchasedHoursRowDto[]> {
    const all: PurchasedHoursRowDto[] = [];
    for (let page = 1; ; page++) {
      const result = await firstValueFrom(this.api.rows(query(page)));
      all.push(...result.items);
      if (result.items.length === 0 || all.length >= result.total) return all;
    }
  }
}
