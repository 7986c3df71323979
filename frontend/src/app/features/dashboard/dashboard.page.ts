import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CARE_SETTINGS, PROFESSION_GROUPS } from '@hyrkoll/contracts';
import { MonthKey } from '@hyrkoll/domain';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { LanguageService } from '../../core/i18n/language.service';
import { DashboardStore } from './dashboard.store';
import { DashboardContentComponent } from './dashboard-content.component';
import { formatMonth, formatMonthSpan } from './dashboard-format';
import {
  DashboardQuery,
  parseQuery,
  periodChoices,
  Selection,
  selectionFromValue,
  selectionValue,
  toParams,
} from './dashboard-query';
import { selectionLabel, Translate } from './dashboard-views';
import { translationsChanged } from './translations-changed';

/**
 * The steering group's dashboard: how far the region is from the 2 % target, with the selection
 * and the period in the URL so that a view can be shared and bookmarked.
 */
@Component({
  selector: 'hk-dashboard',
  imports: [TranslocoDirective, RouterLink, DashboardContentComponent],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
})
export class DashboardPage {
  protected readonly store = inject(DashboardStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly languages = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  private readonly title = inject(Title);
  private readonly translations = translationsChanged();

  // query parameters, bound by the router
  readonly area = input<string>();
  readonly careSetting = input<string>();
  readonly professionGroup = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();

  protected readonly allowed = computed(() => this.auth.can('metrics:read'));
  protected readonly contextFailed = signal(false);
  protected readonly careSettings = CARE_SETTINGS;
  protected readonly professionGroups = PROFESSION_GROUPS;

  protected readonly query = computed<DashboardQuery | null>(() => {
    const context = this.store.context();
    if (!context?.bounds) return null;
    return parseQuery(
      {
        area: this.area(),
        careSetting: this.careSetting(),
        professionGroup: this.professionGroup(),
        from: this.from(),
        to: this.to(),
      },
      context.bounds,
      context.areas,
    );
  });

  /** The months offered for the period (with the query's own, should they lie outside). */
  protected readonly months = computed<MonthKey[]>(() => {
    const bounds = this.store.context()?.bounds;
    const query = this.query();
    if (!bounds || !query) return [];
    return [...new Set([...periodChoices(bounds), query.from, query.to])].sort();
  });

  protected readonly reportParams = computed(() => {
    const query = this.query();
    if (!query) return {};
    const { area, careSetting, professionGroup } = toParams(query);
    return { month: query.to, area, careSetting, professionGroup };
  });

  constructor() {
    void this.init();
    effect(() => {
      const query = this.query();
      if (query) void this.store.load(query);
    });
    effect(() => {
      this.translations();
      const heading = this.transloco.translate('dashboard.title');
      if (heading !== 'dashboard.title') this.title.setTitle(`${heading} – Hyrkoll`);
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

  protected selectionValue(selection: Selection): string {
    return selectionValue(selection);
  }

  /** The selection in words, for headings and summaries. */
  protected selectionLabel(selection: Selection, t: Translate): string {
    return selectionLabel(selection, this.store.context()?.areas ?? [], t);
  }

  protected monthLabel(month: MonthKey): string {
    return formatMonth(month, this.languages.locale(), 'long');
  }

  protected periodLabel(query: DashboardQuery): string {
    return formatMonthSpan(query.from, query.to, this.languages.locale());
  }

  protected onSelection(event: Event): void {
    const query = this.query();
    const context = this.store.context();
    if (!query || !context) return;
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ ...query, selection: selectionFromValue(value, context.areas) });
  }

  protected onFrom(event: Event): void {
    const query = this.query();
    if (!query) return;
    const from = (event.target as HTMLSelectElement).value;
    // a start after the end moves the end along
    this.navigate({ ...query, from, to: from > query.to ? from : query.to });
  }

  protected onTo(event: Event): void {
    const query = this.query();
    if (!query) return;
    const to = (event.target as HTMLSelectElement).value;
    this.navigate({ ...query, to, from: to < query.from ? to : query.from });
  }

  private navigate(query: DashboardQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: toParams(query) });
  }
}
