import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';

/** A list of agreement data: its table (projected), scrolling sideways when narrow, and its export. */
@Component({
  selector: 'hk-agreement-table',
  imports: [ExportButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap"><ng-content /></div>
    <div class="table-actions">
      <hk-export-buttons [filename]="filename()" [label]="label()" [columns]="columns()" [rows]="rows()" />
    </div>
  `,
  styles: `
    .table-wrap {
      overflow-x: auto;
    }
  `,
})
export class AgreementTableComponent<T> {
  /** Base of the export's file name. */
  readonly filename = input.required<string>();
  /** What is exported, for the buttons' group label and the sheet's name. */
  readonly label = input.required<string>();
  readonly columns = input.required<ExportColumn<T>[]>();
  /** The rows as shown. */
  readonly rows = input.required<readonly T[]>();
}
