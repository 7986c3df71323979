import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  AreaDto,
  MetricSeriesDto,
  PROFESSION_GROUPS,
  ProfessionGroup,
  PURCHASED_HOURS_MAX_PAGE_SIZE,
  PurchasedHoursPageDto,
  PurchasedHoursQuery,
  PurchasedHoursRowDto,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { NumPipe, PctPipe, SekPipe } from '../../shared/format/format.pipes';
import {
  defaultPeriod,
  groupingOf,
  periodProblem,
  SUMMARY_VIEWS,
  SummaryRow,
  summaryRows,
  summaryTotal,
  SummaryView,
} from './hours-summary';
import { PurchasedHoursApi } from './purchased-hours.api';

type Translate = (key: string, params?: Record<string, unknown>) => string;
type LoadState = 'loading' | 'ready' | 'error';

const PAGE_SIZES = [50, 200, 500] as const;

/** The row filters as typed in; applied when the filter form is sent. */
interface RowFilter {
  supplier: string;
  areaId: string;
  professionGroup: ProfessionGroup | '';
  onlyUnmatched: boolean;
  pageSize: number;
}

const NO_FILTER: RowFilter = {
  supplier: '',
  areaId: '',
  professionGroup: '',
  onlyUnmatched: false,
  pageSize: 50,
};

@Component({
  selector: 'hk-purchased-hours',
  imports: [RouterLink, TranslocoDirective, NumPipe, SekPipe, PctPipe, ExportButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './purchased-hours.page.html',
  styleUrl: './purchased-hours.page.scss',
})
export class PurchasedHoursPage implements OnInit {
  private readonly api = inject(PurchasedHoursApi);

  protected readonly views = SUMMARY_VIEWS;
  protected readonly groups = PROFESSION_GROUPS;
  protected readonly pageSizes = PAGE_SIZES;

  /** The latest month with data: undefined while asked, null when nothing is imported. */
  protected readonly latestMonth = signal<string | null | undefined>(undefined);
  protected readonly startState = signal<LoadState>('loading');
  protected readonly areas = signal<AreaDto[]>([]);

  // The period as typed and as applied.
  protected readonly fromInput = signal('');
  protected readonly toInput = signal('');
  protected readonly periodError = signal<'from' | 'to' | 'order' | 'tooLong' | null>(null);
  protected readonly period = signal<{ from: string; to: string } | null>(null);

  protected readonly view = signal<SummaryView>('supplier');
  protected readonly summaryState = signal<LoadState>('loading');
  private readonly series = signal<{
    hours: MetricSeriesDto;
    costs: MetricSeriesDto;
    view: SummaryView;
  } | null>(null);
  protected readonly summary = computed(() => {
    const s = this.series();
    return s
      ? { view: s.view, rows: summaryRows(s.view, s.hours, s.costs), total: summaryTotal(s.hours, s.costs) }
      : null;
  });

  protected readonly filterInput = signal<RowFilter>({ ...NO_FILTER });
  private readonly filter = signal<RowFilter>({ ...NO_FILTER });
  protected readonly rowsState = signal<LoadState>('loading');
  protected readonly rows = signal<PurchasedHoursPageDto | null>(null);
  protected readonly pages = computed(() => {
    const r = this.rows();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  protected readonly fetchAllRows = (): Promise<readonly PurchasedHoursRowDto[]> => this.allRows();

  private summaryRequest = 0;
  private rowsRequest = 0;

  ngOnInit(): void {
    void this.loadFirst();
  }

  /** Errors are shown on the page (the state signal), so nothing is left to reject. */
  private async loadFirst(): Promise<void> {
    try {
      const [first, areas] = await Promise.all([
        firstValueFrom(this.api.rows({ pageSize: 1 })),
        firstValueFrom(this.api.areas()),
      ]);
      this.areas.set([...areas].sort((a, b) => a.name.localeCompare(b.name, 'sv')));
      this.latestMonth.set(first.latestMonth);
      this.startState.set('ready');
      const period = defaultPeriod(first.latestMonth);
      if (period) {
        this.fromInput.set(period.from);
        this.toInput.set(period.to);
        this.period.set(period);
        void this.loadSummary();
        void this.loadRows(1);
      }
    } catch {
      this.startState.set('error');
    }
  }

  protected retryStart(): void {
    this.startState.set('loading');
    void this.ngOnInit();
  }

  protected onPeriod(event: Event): void {
    event.preventDefault();
    const from = this.fromInput().trim();
    const to = this.toInput().trim();
    const problem = periodProblem(from, to);
    this.periodError.set(problem);
    if (problem) return;
    this.period.set({ from, to });
    void this.loadSummary();
    void this.loadRows(1);
  }

  protected onView(view: SummaryView): void {
    this.view.set(view);
    void this.loadSummary();
  }

  protected onFilter(event: Event): void {
    event.preventDefault();
    this.filter.set({ ...this.filterInput() });
    void this.loadRows(1);
  }

  protected clearFilter(): void {
    this.filterInput.set({ ...NO_FILTER });
    this.filter.set({ ...NO_FILTER });
    void this.loadRows(1);
  }

  protected setFilter<K extends keyof RowFilter>(key: K, value: RowFilter[K]): void {
    this.filterInput.update((f) => ({ ...f, [key]: value }));
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected checkedOf(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected async loadSummary(): Promise<void> {
    const period = this.period();
    if (!period) return;
    const request = ++this.summaryRequest;
    const view = this.view();
    this.summaryState.set('loading');
    try {
      const grouping = groupingOf(view);
      const [hours, costs] = await Promise.all([
        firstValueFrom(this.api.series('hours', period.from, period.to, grouping)),
        firstValueFrom(this.api.series('costs', period.from, period.to, grouping)),
      ]);
      if (request !== this.summaryRequest) return;
      this.series.set({ hours, costs, view });
      this.summaryState.set('ready');
    } catch {
      if (request === this.summaryRequest) this.summaryState.set('error');
    }
  }

  protected async loadRows(page: number): Promise<void> {
    if (!this.period()) return;
    const request = ++this.rowsRequest;
    this.rowsState.set('loading');
    try {
      const result = await firstValueFrom(this.api.rows(this.query(page, this.filter().pageSize)));
      if (request !== this.rowsRequest) return;
      this.rows.set(result);
      this.rowsState.set('ready');
    } catch {
      if (request === this.rowsRequest) this.rowsState.set('error');
    }
  }

  private query(page: number, pageSize: number): PurchasedHoursQuery {
    const f = this.filter();
    const period = this.period();
    return {
      from: period?.from,
      to: period?.to,
      supplier: f.supplier.trim() || undefined,
      areaId: f.areaId || undefined,
      professionGroup: f.professionGroup || undefined,
      unmatched: f.onlyUnmatched ? 'true' : undefined,
      page,
      pageSize,
    };
  }

  /** Every row of the filter, page by page, for an export of the whole list. */
  private async allRows(): Promise<PurchasedHoursRowDto[]> {
    const all: PurchasedHoursRowDto[] = [];
    for (let page = 1; ; page++) {
      const result = await firstValueFrom(this.api.rows(this.query(page, PURCHASED_HOURS_MAX_PAGE_SIZE)));
      all.push(...result.items);
      if (result.items.length === 0 || all.length >= result.total) return all;
    }
  }

  /** A group's name as shown: profession groups are translated, suppliers and areas come named. */
  protected groupLabel(t: Translate, view: SummaryView, row: SummaryRow): string {
    return view === 'profession-group' ? t(`purchasedHours.group.${row.key}`) : row.label;
  }

  // Export columns, built once per translation function (it changes with the language).
  private summaryColumnsCache: {
    t: Translate;
    view: SummaryView;
    columns: ExportColumn<SummaryRow>[];
  } | null = null;
  private rowColumnsCache: { t: Translate; columns: ExportColumn<PurchasedHoursRowDto>[] } | null = null;

  protected summaryColumns(t: Translate, view: SummaryView): ExportColumn<SummaryRow>[] {
    if (this.summaryColumnsCache?.t !== t || this.summaryColumnsCache.view !== view) {
      this.summaryColumnsCache = {
        t,
        view,
        columns: [
          { header: t(`purchasedHours.view.${view}`), value: (r) => this.groupLabel(t, view, r) },
          ...(view === 'supplier'
            ? [
                {
                  header: t('purchasedHours.onAgreement'),
                  value: (r: SummaryRow) =>
                    r.offAgreement ? t('purchasedHours.no') : t('purchasedHours.yes'),
                },
              ]
            : []),
          { header: t('purchasedHours.hours'), value: (r) => r.hours, kind: 'number' },
          { header: t('purchasedHours.hoursLastYear'), value: (r) => r.hoursLastYear, kind: 'number' },
          { header: t('purchasedHours.change'), value: (r) => r.hoursChange, kind: 'number' },
          { header: t('purchasedHours.changePercent'), value: (r) => r.hoursChangePercent, kind: 'percent' },
          { header: t('purchasedHours.cost'), value: (r) => r.cost, kind: 'money' },
          { header: t('purchasedHours.costLastYear'), value: (r) => r.costLastYear, kind: 'money' },
        ],
      };
    }
    return this.summaryColumnsCache.columns;
  }

  protected rowColumns(t: Translate): ExportColumn<PurchasedHoursRowDto>[] {
    if (this.rowColumnsCache?.t !== t) {
      this.rowColumnsCache = {
        t,
        columns: [
          { header: t('purchasedHours.month'), value: (r) => r.month },
          { header: t('purchasedHours.area'), value: (r) => r.area.name },
          { header: t('purchasedHours.unit'), value: (r) => r.unit.name },
          { header: t('purchasedHours.costCentre'), value: (r) => r.unit.costCentre },
          {
            header: t('purchasedHours.professionGroup'),
            value: (r) => t(`purchasedHours.group.${r.professionGroup}`),
          },
          { header: t('purchasedHours.supplier'), value: (r) => r.supplier.name },
          {
            header: t('purchasedHours.onAgreement'),
            value: (r) => (r.supplier.onAgreement ? t('purchasedHours.yes') : t('purchasedHours.no')),
          },
          { header: t('purchasedHours.source'), value: (r) => r.source },
          { header: t('purchasedHours.hours'), value: (r) => r.hours, kind: 'number' },
          { header: t('purchasedHours.cost'), value: (r) => r.costSek, kind: 'money' },
          { header: t('purchasedHours.order'), value: (r) => r.order?.reference ?? null },
          {
            header: t('purchasedHours.linkedToOrder'),
            value: (r) => (r.matched ? t('purchasedHours.yes') : t('purchasedHours.no')),
          },
        ],
      };
    }
    return this.rowColumnsCache.columns;
  }
}
