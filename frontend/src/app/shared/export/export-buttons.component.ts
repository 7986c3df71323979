import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageService } from '../../core/i18n/language.service';
import { csvBlob, downloadName, ExportColumn, saveBlob, xlsxBlob } from './spreadsheet-export';

/**
 * "Excel" and "CSV" buttons for a list or a chart's table. The rows are exported as shown
 * (already filtered); numbers stay numeric cells and formula-like text is neutralised.
 */
@Component({
  selector: 'hk-export-buttons',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="export-buttons"
      role="group"
      *transloco="let t"
      [attr.aria-label]="t('export.group', { what: label() || filename() })"
    >
      <button
        type="button"
        class="secondary"
        [disabled]="busy() || (!fetchAll() && rows().length === 0)"
        (click)="exportXlsx()"
      >
        {{ t('export.excel') }}
      </button>
      <button
        type="button"
        class="secondary"
        [disabled]="busy() || (!fetchAll() && rows().length === 0)"
        (click)="exportCsv()"
      >
        {{ t('export.csv') }}
      </button>
      @if (failed()) {
        <span role="alert" class="error">{{ t('export.failed') }}</span>
      }
    </div>
  `,
  styleUrl: './export-buttons.component.scss',
})
export class ExportButtonsComponent<T> {
  private readonly languages = inject(LanguageService);

  /** Base of the file name, without extension, e.g. "bestallningar-2024-10". */
  readonly filename = input.required<string>();
  /** What is exported, for the buttons' group label ("Exportera beställningar"). */
  readonly label = input<string>('');
  readonly columns = input.required<ExportColumn<T>[]>();
  /** The rows to export, as shown. */
  readonly rows = input<readonly T[]>([]);
  /** For paged lists: fetches every matching row (not only the page) when someone exports. */
  readonly fetchAll = input<(() => Promise<readonly T[]>) | undefined>(undefined);

  protected readonly busy = signal(false);
  protected readonly failed = signal(false);

  protected exportCsv(): void {
    this.failed.set(false);
    saveBlob(
      csvBlob(this.columns(), this.rows(), this.languages.language()),
      downloadName(this.filename(), 'csv'),
    );
  }

  protected async exportXlsx(): Promise<void> {
    this.busy.set(true);
    this.failed.set(false);
    try {
      const blob = await xlsxBlob(this.columns(), this.rows(), this.label() || this.filename());
      saveBlob(blob, downloadName(this.filename(), 'xlsx'));
    } catch {
      this.failed.set(true);
    } finally {
      this.busy.set(false);
    }
  }
}
