import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  PROFESSION_GROUPS,
  ProfessionGroup,
  PURCHASED_HOURS_MAX_PAGE_SIZE,
  PurchasedHoursQuery,
  PurchasedHoursRowDto,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { NumPipe, PctPipe, SekPipe } from '../../shared/format/format.pipes';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import {
  defaultPeriod,
  periodProblem,
  SUMMARY_VIEWS,
  SummaryRow,
  summaryRows,
  summaryTotal,
  SummaryView,
} from './hours-summary';
import { PurchasedHoursStore } from './purchased-hours.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

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
  imports: [
    RouterLink,
    TranslocoDirective,
    NumPipe,
    SekPipe,
    PctPipe,
    ExportButtonsComponent,
    LoadStateComponent,
  ],
  providers: [PurchasedHoursStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './purchased-hours.page.html',
  styleUrl: './purchased-hours.page.scss',
})
export class PurchasedHoursPage {
  protected readonly store = inject(PurchasedHoursStore);

  protected readonly views = SUMMARY_VIEWS;
  protected readonly groups = PROFESSION_GROUPS;
  protected readonly pageSizes = PAGE_SIZES;

  /** The latest month with data: undefined while asked, null when nothing is imported. */
  protected readonly latestMonth = computed(() =>
    this.store.start.hasValue() ? this.store.start.value().latestMonth : undefined,
  );
  protected readonly areas = computed(() =>
    this.store.start.hasValue() ? this.store.start.value().areas : [],
  );

  // The period as typed and as applied.
  protected readonly fromInput = signal('');
  protected readonly toInput = signal('');
  protected readonly periodError = signal<'from' | 'to' | 'order' | 'tooLong' | null>(null);
  protected readonly period = signal<{ from: string; to: string } | null>(null);

  protected readonly view = signal<SummaryView>('supplier');
  protected readonly summary = computed(() => {
    const s = this.store.lastSummary();
    return s
      ? { view: s.view, rows: summaryRows(s.view, s.hours, s.costs), total: summaryTotal(s.hours, s.costs) }
      : null;
  });

  protected readonly filterInput = signal<RowFilter>({ ...NO_FILTER });
  private readonly filter = signal<RowFilter>({ ...NO_FILTER });
  protected readonly rows = this.store.lastRows;
  protected readonly pages = computed(() => {
    const r = this.rows();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  protected readonly fetchAllRows = (): Promise<readonly PurchasedHoursRowDto[]> =>
    this.store.allRows((page) => this.query(page, PURCHASED_HOURS_MAX_PAGE_SIZE));

  constructor() {
    // once the latest month is known, the default period is shown
    effect(() => {
      const period = defaultPeriod(this.latestMonth() ?? null);
      if (!period) return;
      untracked(() => {
        this.fromInput.set(period.from);
        this.toInput.set(period.to);
        this.period.set(period);
        this.loadSummary();
        this.loadRows(1);
      });
    });
  }

  protected onPeriod(event: Event): void {
    event.preventDefault();
    const from = this.fromInput().trim();
    const to = this.toInput().trim();
    const problem = periodProblem(from, to);
    this.periodError.set(problem);
    if (problem) return;
    this.period.set({ from, to });
    this.loadSummary();
    this.loadRows(1);
  }

  protected onView(view: SummaryView): void {
    this.view.set(view);
    this.loadSummary();
  }

  protected onFilter(event: Event): void {
    event.preventDefault();
    this.filter.set({ ...this.filterInput() });
    this.loadRows(1);
  }

  protected clearFilter(): void {
    this.filterInput.set({ ...NO_FILTER });
    this.filter.set({ ...NO_FILTER });
    this.loadRows(1);
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

  /** Asks for the summary of the period and view (again: a retry). */
  protected loadSummary(): void {
    const period = this.period();
    if (period) this.store.summaryQuery.set({ ...period, view: this.view() });
  }

  protected loadRows(page: number): void {
    if (this.period()) this.store.rowsQuery.set(this.query(page, this.filter().pageSize));
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
