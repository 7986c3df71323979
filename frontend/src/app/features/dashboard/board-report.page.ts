import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MonthKey } from '@hyrkoll/domain';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { LanguageService } from '../../core/i18n/language.service';
import { DashboardStore } from './dashboard.store';
import { DashboardContentComponent } from './dashboard-content.component';
import { formatMonth, formatMonthSpan } from './dashboard-format';
import { DashboardQuery, parseQuery, periodChoices, Selection, toParams } from './dashboard-query';
import { selectionLabel, Translate } from './dashboard-views';
import { ReportPrintFrameComponent } from './report-print-frame.component';
import { translationsChanged } from './translations-changed';

/**
 * The monthly board report (`/dashboard/report?month=YYYY-MM`): the dashboard's content for one
 * month, laid out for A4 paper, with a print button.
 */
@Component({
  selector: 'hk-board-report',
  imports: [TranslocoDirective, RouterLink, DashboardContentComponent, ReportPrintFrameComponent],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './board-report.page.html',
  styleUrl: './board-report.page.scss',
})
export class BoardReportPage {
  protected readonly store = inject(DashboardStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly languages = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  private readonly title = inject(Title);
  private readonly document = inject(DOCUMENT);
  private readonly translations = translationsChanged();

  // query parameters, bound by the router
  readonly month = input<string>();
  readonly area = input<string>();
  readonly careSetting = input<string>();
  readonly professionGroup = input<string>();

  protected readonly allowed = computed(() => this.auth.can('metrics:read'));
  protected readonly contextFailed = signal(false);
  /** Today in Swedish time, "2026-11-23". */
  protected readonly printedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(),
  );

  /** The report month's query: the charts start in January two years earlier. */
  protected readonly query = computed<DashboardQuery | null>(() => {
    const context = this.store.context();
    if (!context?.bounds) return null;
    return parseQuery(
      {
        area: this.area(),
        careSetting: this.careSetting(),
        professionGroup: this.professionGroup(),
        to: this.month(),
      },
      context.bounds,
      context.areas,
    );
  });

  protected readonly months = computed<MonthKey[]>(() => {
    const bounds = this.store.context()?.bounds;
    return bounds ? [...periodChoices(bounds)].reverse() : [];
  });

  protected readonly regionName = computed(() => this.auth.me()?.region.name ?? '');

  protected readonly dashboardParams = computed(() => {
    const query = this.query();
    return query ? toParams(query) : {};
  });

  constructor() {
    void this.init();
    effect(() => {
      const query = this.query();
      if (query) void this.store.load(query);
    });
    effect(() => {
      this.translations();
      const query = this.query();
      if (!query) return;
      const heading = this.transloco.translate('dashboard.report.title', {
        month: formatMonth(query.to, this.languages.locale()),
      });
      if (!heading.startsWith('dashboard.')) this.title.setTitle(`${heading} – Hyrkoll`);
    });
  }

  private async init(): Promise<void> {
    if (!this.allowed()) return;
    try {
      await this.store.loadContext();
    } catch {
      this.contextFailed.set(true);
    }
  }

  protected async retry(): Promise<void> {
    this.contextFailed.set(false);
    const query = this.query();
    if (query) await this.store.load(query);
    else await this.init();
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected monthLabel(month: MonthKey): string {
    return formatMonth(month, this.languages.locale(), 'long');
  }

  protected periodLabel(query: DashboardQuery): string {
    return formatMonthSpan(query.from, query.to, this.languages.locale());
  }

  /** The selection in words, for headings and summaries. */
  protected selectionLabel(selection: Selection, t: Translate): string {
    return selectionLabel(selection, this.store.context()?.areas ?? [], t);
  }

  protected onMonth(event: Event): void {
    const month = (event.target as HTMLSelectElement).value;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { month },
      queryParamsHandling: 'merge',
    });
  }
}
