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
  isFiltered,
  NO_FILTERS,
  parseQuery,
  periodChoices,
  Selection,
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
  readonly unit = input<string>();
  readonly supplier = input<string>();
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
        unit: this.unit(),
        careSetting: this.careSetting(),
        professionGroup: this.professionGroup(),
        supplier: this.supplier(),
        from: this.from(),
        to: this.to(),
      },
      context.bounds,
      context,
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
    const { area, unit, careSetting, professionGroup, supplier } = toParams(query);
    return { month: query.to, area, unit, careSetting, professionGroup, supplier };
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

  /** The units offered: those of the chosen area, or all of the user's scope. */
  protected unitsOf(selection: Selection) {
    const context = this.store.context();
    if (!context) return [];
    const area = context.areas.find((a) => a.code === selection.area);
    return context.units.filter((u) => !area || u.areaId === area.id);
  }

  /** Whose figures are shown, in words (the filtered part, or the user's scope, and the filters). */
  protected selectionLabel(selection: Selection, t: Translate): string {
    const context = this.store.context();
    return context ? selectionLabel(selection, context, t) : '';
  }

  /** The user's scope in words: "Hela regionen", their areas, or their units. */
  protected scopeLabel(t: Translate): string {
    const context = this.store.context();
    return context ? selectionLabel(NO_FILTERS, context, t) : '';
  }

  protected monthLabel(month: MonthKey): string {
    return formatMonth(month, this.languages.locale(), 'long');
  }

  protected periodLabel(query: DashboardQuery): string {
    return formatMonthSpan(query.from, query.to, this.languages.locale());
  }

  /** One filter changed: the others stay (a unit outside a newly chosen area is dropped). */
  protected onFilter(name: keyof Selection, event: Event): void {
    const query = this.query();
    const context = this.store.context();
    if (!query || !context) return;
    const value = (event.target as HTMLSelectElement).value || null;
    const selection = { ...query.selection, [name]: value } as Selection;
    if (name === 'area' && selection.unit) {
      const area = context.areas.find((a) => a.code === selection.area);
      if (area && !context.units.some((u) => u.id === selection.unit && u.areaId === area.id))
        selection.unit = null;
    }
    this.navigate({ ...query, selection });
  }

  protected clearFilters(): void {
    const query = this.query();
    if (query) this.navigate({ ...query, selection: NO_FILTERS });
  }

  protected filtered(selection: Selection): boolean {
    return isFiltered(selection);
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
