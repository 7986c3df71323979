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
    </section>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    :host:has(details[open]) {
      grid-column: 1 / -1;
    }
    .panel {
      height: 100%;
      background: var(--hk-surface);
      border: 1px solid var(--hk-border);
      border-radius: 8px;
      padding: 1rem 1.25rem;
    }
    h2 {
      font-size: 1.15rem;
      margin: 0 0 0.25rem;
    }
    .lead,
    .note {
      margin: 0 0 0.75rem;
      color: var(--hk-muted);
      font-size: 0.95rem;
    }
    .chart {
      width: 100%;
      height: 20rem;
    }
    .chart--areas {
      height: 17rem;
    }
    .chart--national {
      height: 32rem;
    }
    :host(.compact) .chart {
      height: 15rem;
    }
    :host(.compact) .chart--areas {
      height: 13rem;
    }
    :host(.compact) .chart--national {
      height: 27rem;
    }
    details {
      margin: 0.5rem 0;
    }
    summary {
      cursor: pointer;
      color: var(--hk-accent);
      font-weight: 600;
      padding: 0.25rem 0;
    }
    @media print {
      .panel {
        border: none;
        padding: 0;
      }
      details:not([open]) {
        display: none;
      }
      summary {
        display: none;
      }
    }
  `,
})
export class ChartPanelComponent {
  readonly view = input.required<ChartView>();
  /** Lower charts, so that two fit on an A4 page (the board report). */
  readonly compact = input(false);
  protected readonly columns = computed(() => exportColumns(this.view().table));
}
