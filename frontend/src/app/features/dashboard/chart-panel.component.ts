import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import { NgxEchartsDirective } from 'ngx-echarts';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ChartView } from './dashboard-views';
import { DataTableComponent, exportColumns } from './data-table.component';

/**
 * One chart with its heading, a one-line reading guide, a text summary for screen readers,
 * the same numbers as a table behind "Visa som tabell", and Excel/CSV export of that table.
 */
@Component({
  selector: 'hk-chart-panel',
  imports: [TranslocoDirective, NgxEchartsDirective, DataTableComponent, ExportButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-chart]': 'view().id', '[class.compact]': 'compact()' },
  template: `
    <section class="panel" [attr.aria-labelledby]="view().id + '-heading'" *transloco="let t">
      <h2 [id]="view().id + '-heading'">{{ view().heading }}</h2>
      <p class="lead">{{ view().lead }}</p>
      @if (view().problem; as problem) {
        <p class="problem" data-problem>{{ problem }}</p>
      } @else if (view().table.rows.length === 0) {
        <p class="problem" data-empty>{{ view().table.empty }}</p>
      } @else {
        <div
          class="chart"
          [class.chart--areas]="view().id === 'areas'"
          [class.chart--national]="view().id === 'national'"
          echarts
          [options]="view().options"
          [initOpts]="{ renderer: 'svg' }"
          role="img"
          [attr.aria-label]="view().summary"
        ></div>
        @if (view().note) {
          <p class="note">{{ view().note }}</p>
        }
        <details>
          <summary>{{ t('dashboard.showTable') }}</summary>
          <hk-data-table [table]="view().table" [tableId]="view().id + '-table'" />
        </details>
        <hk-export-buttons
          [filename]="view().filename"
          [label]="view().heading"
          [columns]="columns()"
          [rows]="view().table.rows"
        />
      }
    </section>
  `,
  styleUrl: './chart-panel.component.scss',
})
export class ChartPanelComponent {
  readonly view = input.required<ChartView>();
  /** Lower charts, so that two fit on an A4 page (the board report). */
  readonly compact = input(false);
  protected readonly columns = computed(() => exportColumns(this.view().table));
}
