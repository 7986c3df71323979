import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';

import { LanguageService } from '../../core/i18n/language.service';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { formatMonth, formatNumber, formatPercent, formatSek } from './dashboard-format';
import { Cell, CellKind, DataTable } from './dashboard-views';

type Row = DataTable['rows'][number];

/** How each kind of cell is exported: exact numbers stay numeric cells. */
const EXPORT_KIND: Record<CellKind, ExportColumn<Row>['kind']> = {
  text: 'text',
  month: 'date',
  date: 'date',
  sek: 'money',
  hours: 'number',
  percent: 'percent',
  change: 'percent',
  ratio: 'percent',
  count: 'number',
};

/** The export columns of a table: its headers, and each row's exact values. */
export function exportColumns(table: DataTable): ExportColumn<Row>[] {
  return table.columns.map((column, index) => ({
    header: column.header,
    kind: EXPORT_KIND[column.kind],
    value: (row: Row) => row.cells[index] ?? null,
  }));
}

/** A chart's numbers as a proper table: caption, column headers, the first cell of each row as its header. */
@Component({
  selector: 'hk-data-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroll" tabindex="0" role="region" [attr.aria-labelledby]="tableId() + '-caption'">
      <table [id]="tableId()">
        <caption [id]="tableId() + '-caption'">
          {{
            table().caption
          }}
        </caption>
        <thead>
          <tr>
            @for (column of table().columns; track $index) {
              <th scope="col" [class.num]="isNumeric(column.kind)">{{ column.header }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of table().rows; track $index) {
            <tr [class.highlight]="row.highlight">
              @for (cell of row.cells; track $index; let first = $first) {
                @if (first) {
                  <th scope="row">{{ show(cell, table().columns[$index]?.kind) }}</th>
                } @else {
                  <td [class.num]="isNumeric(table().columns[$index]?.kind)">
                    {{ show(cell, table().columns[$index]?.kind) }}
                  </td>
                }
              }
            </tr>
          } @empty {
            <tr>
              <td [attr.colspan]="table().columns.length">{{ table().empty }}</td>
            </tr>
          }
        </tbody>
        @if (table().footer; as footer) {
          <tfoot>
            <tr>
              @for (cell of footer; track $index; let first = $first) {
                @if (first) {
                  <th scope="row">{{ cell }}</th>
                } @else {
                  <td [class.num]="isNumeric(table().columns[$index]?.kind)">
                    {{ show(cell, table().columns[$index]?.kind) }}
                  </td>
                }
              }
            </tr>
          </tfoot>
        }
      </table>
    </div>
  `,
  styleUrl: './data-table.component.scss',
})
export class DataTableComponent {
  private readonly languages = inject(LanguageService);

  readonly table = input.required<DataTable>();
  /** Unique id of the table; its caption is `<id>-caption`. */
  readonly tableId = input.required<string>();

  protected isNumeric(kind: CellKind | undefined): boolean {
    return kind !== undefined && kind !== 'text' && kind !== 'month' && kind !== 'date';
  }

  protected show(cell: Cell | undefined, kind: CellKind | undefined): string {
    if (cell === null || cell === undefined || cell === '') return '–';
    const locale = this.languages.locale();
    switch (kind) {
      case 'month':
        return formatMonth(String(cell), locale, 'long');
      case 'date':
        return String(cell);
      case 'sek':
        return formatSek(cell, locale);
      case 'hours':
        return formatNumber(cell, locale, 0);
      case 'count':
        return formatNumber(cell, locale, 0);
      case 'percent':
        return formatPercent(cell, locale, 1);
      case 'change':
        return formatPercent(cell, locale, 1, true);
      case 'ratio':
        return formatPercent(cell, locale, 2);
      default:
        return String(cell);
    }
  }
}
