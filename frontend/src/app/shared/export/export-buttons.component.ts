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

  protected exportCsv(): Promise<void> {
    return this.export(async (rows) =>
      saveBlob(
        csvBlob(this.columns(), rows, this.languages.language()),
        downloadName(this.filename(), 'csv'),
      ),
    );
  }

  protected exportXlsx(): Promise<void> {
    return this.export(async (rows) =>
      saveBlob(
        await xlsxBlob(this.columns(), rows, this.label() || this.filename()),
        downloadName(this.filename(), 'xlsx'),
      ),
    );
  }

  /** Writes the rows: every matching row from `fetchAll` on a paged list, else the rows shown. */
  private async export(write: (rows: readonly T[]) => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.failed.set(false);
    try {
      const fetchAll = this.fetchAll();
      await write(fetchAll ? await fetchAll() : this.rows());
    } catch {
      this.failed.set(true);
    } finally {
      this.busy.set(false);
    }
  }
}
