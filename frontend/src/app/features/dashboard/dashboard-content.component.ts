import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageService } from '../../core/i18n/language.service';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ChartPanelComponent } from './chart-panel.component';
import {
  ChartView,
  DashboardData,
  DashboardViews,
  dashboardViews,
  printPageStarts,
  Translate,
} from './dashboard-views';
import { DataTableComponent, exportColumns } from './data-table.component';
import { KeyFiguresComponent } from './key-figures.component';

type Views = DashboardViews & {
  registerColumns: ReturnType<typeof exportColumns>;
  inUseColumns: ReturnType<typeof exportColumns>;
  /** The charts on paper: those with figures (no empty block is printed). */
  printed: ChartView[];
  /** The printed charts that begin a new A4 page. */
  pageStarts: string[];
};

/**
 * The content shared by the dashboard and the board report: key figures, the six charts with
 * their tables, and the dispensation register. `print` lays it out for A4 pages.
 */
@Component({
  selector: 'hk-dashboard-content',
  imports: [
    TranslocoDirective,
    KeyFiguresComponent,
    ChartPanelComponent,
    DataTableComponent,
    ExportButtonsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.print]': "mode() === 'print'" },
  template: `
    <ng-container *transloco="let t">
      @let views = viewsOf(t);
      <hk-key-figures [figures]="data().keyFigures" [selectionLabel]="selectionLabel()" />
      <div class="charts">
        @for (chart of mode() === 'print' ? views.printed : views.charts; track chart.id) {
          <hk-chart-panel
            [view]="chart"
            [compact]="mode() === 'print'"
            [class.page-start]="views.pageStarts.includes(chart.id)"
          />
        }
      </div>
      @if (views.inUse; as inUse) {
        <section class="register in-use" aria-labelledby="in-use-heading" data-section="in-use">
          <h2 id="in-use-heading">{{ t('dashboard.inUse.title', { period: inUse.period }) }}</h2>
          <p class="lead">{{ t('dashboard.inUse.lead', { period: inUse.period }) }}</p>
          @if (inUse.problem) {
            <p class="problem" data-problem>{{ inUse.problem }}</p>
          } @else {
            <hk-data-table [table]="inUse.table" tableId="in-use-table" />
            <hk-export-buttons
              [filename]="inUse.filename"
              [label]="t('dashboard.inUse.heading')"
              [columns]="views.inUseColumns"
              [rows]="inUse.table.rows"
            />
          }
        </section>
      }
      @if (!(mode() === 'print' && views.register.problem)) {
        <section class="register" aria-labelledby="register-heading" data-section="register">
          <h2 id="register-heading">{{ t('dashboard.register.heading') }}</h2>
          @if (views.register.problem) {
            <p class="problem" data-problem>{{ views.register.problem }}</p>
          } @else {
            <p class="lead">{{ t('dashboard.register.lead', { period: views.register.period }) }}</p>
            @if (views.register.note) {
              <p class="lead" data-register-note>{{ views.register.note }}</p>
            }
            <hk-data-table [table]="views.register.table" tableId="register-table" />
            <hk-export-buttons
              [filename]="views.register.filename"
              [label]="t('dashboard.register.heading')"
              [columns]="views.registerColumns"
              [rows]="views.register.table.rows"
            />
          }
        </section>
      }
    </ng-container>
  `,
  styleUrl: './dashboard-content.component.scss',
})
export class DashboardContentComponent {
  private readonly languages = inject(LanguageService);

  readonly data = input.required<DashboardData>();
  /** The selection in words ("Hela regionen", "NSO Skellefteå"). */
  readonly selectionLabel = input.required<string>();
  /** The user's scope in words (their areas or units). */
  readonly scopeLabel = input<string>('');
  readonly mode = input<'screen' | 'print'>('screen');

  private memo: { data: DashboardData; t: Translate; label: string; views: Views } | null = null;

  /** The views for the current data and translations, rebuilt only when either changes. */
  protected viewsOf(t: Translate): Views {
    const data = this.data();
    const label = this.selectionLabel();
    const memo = this.memo;
    if (memo && memo.data === data && memo.t === t && memo.label === label) return memo.views;
    const built = dashboardViews(data, t, this.languages.locale(), label, this.scopeLabel() || label);
    const printed = built.charts.filter((chart) => !chart.problem && chart.table.rows.length > 0);
    const views = {
      ...built,
      registerColumns: exportColumns(built.register.table),
      inUseColumns: built.inUse ? exportColumns(built.inUse.table) : [],
      printed,
      pageStarts: printPageStarts(printed),
    };
    this.memo = { data, t, label, views };
    return views;
  }
}
