import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CARE_SETTINGS, PROFESSION_GROUPS } from '@hyrkoll/contracts';
import { MonthKey } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { DashboardStore } from './dashboard.store';
import { DashboardContentComponent } from './dashboard-content.component';
import {
  DashboardQuery,
  isFiltered,
  NO_FILTERS,
  periodChoices,
  Selection,
  toParams,
} from './dashboard-query';
import { DashboardSelectionPage } from './dashboard-selection';
import { Translate } from './dashboard-views';

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
export class DashboardPage extends DashboardSelectionPage {
  // the period's query parameters, bound by the router
  readonly from = input<string>();
  readonly to = input<string>();

  protected readonly careSettings = CARE_SETTINGS;
  protected readonly professionGroups = PROFESSION_GROUPS;

  protected periodParams() {
    return { from: this.from(), to: this.to() };
  }

  protected heading(t: Translate): string {
    return t('dashboard.title');
  }

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

  /** The units offered: those of the chosen area, or all of the user's scope. */
  protected unitsOf(selection: Selection) {
    const context = this.store.context();
    if (!context) return [];
    const area = context.areas.find((a) => a.code === selection.area);
    return context.units.filter((u) => !area || u.areaId === area.id);
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
