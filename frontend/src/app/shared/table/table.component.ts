import { CdkTableModule } from '@angular/cdk/table';
import { NgTemplateOutlet } from '@angular/common';
import {
  afterRenderEffect,
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChild,
  contentChildren,
  Directive,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  TemplateRef,
  viewChild,
} from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { ExportButtonsComponent } from '../export/export-buttons.component';
import type { ExportColumn } from '../export/spreadsheet-export';

/** A value a column sorts by; empty values sort last. */
export type SortValue = string | number | null | undefined;

/**
 * One column of an `hk-table`: the template is the cell, `let-row` its row. The name must be
 * unique in the table.
 */
@Directive({ selector: 'ng-template[hkColumn]' })
export class TableColumnDirective<T> {
  readonly name = input.required<string>({ alias: 'hkColumn' });
  readonly header = input.required<string>();
  /** Read out, not shown: for a column of row buttons. */
  readonly headerHidden = input(false, { transform: booleanAttribute });
  /** Numbers: aligned right, in tabular figures. */
  readonly numeric = input(false, { transform: booleanAttribute });
  /** What the column sorts by; without it, the column does not sort. */
  readonly sortBy = input<((row: T) => SortValue) | null>(null);
  /** The API's name of the column to sort by, for a table whose server pages and sorts (`total` given). */
  readonly serverSort = input<string | null>(null);
  readonly template = inject<TemplateRef<{ $implicit: T }>>(TemplateRef);
}

/** A row shown under a table row while `when` holds for it, across the whole table (a form, a message). */
@Directive({ selector: 'ng-template[hkTableDetail]' })
export class TableDetailDirective<T> {
  readonly when = input.required<(row: T) => boolean>();
  readonly template = inject<TemplateRef<{ $implicit: T }>>(TemplateRef);
}

/** The sort of a table whose server sorts: the API's column name and the direction. */
export interface ServerSort {
  column: string;
  direction: 'asc' | 'desc';
}

/** The page a paged table shows, and its size. */
export interface TablePage {
  page: number;
  pageSize: number;
}

/** The page sizes a paged table offers. */
export const PAGE_SIZES = [25, 50, 100] as const;

interface Sort<T> {
  column: TableColumnDirective<T>;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator('sv', { numeric: true });
let tables = 0;

function compare(a: SortValue, b: SortValue): number {
  const blank = (v: SortValue) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return Number(blank(a)) - Number(blank(b));
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/**
 * A list as a table, on the CDK's table: the page declares the columns (`hkColumn` templates),
 * the table adds the caption that names it, the header (a button on each sortable column, with
 * `aria-sort`), a row saying that the list is empty, scrolling sideways when narrow (or cards, with
 * `cards`), and, given `exportFile` and `exportColumns`, Excel and CSV buttons for the rows as shown
 * (every row the filter selects, with `exportAll`). Given `total`, the server pages and sorts: the
 * table adds the pager (`1–25 av 266`, previous, next, page size) and says what it wants by
 * `pageChange` and `sortChange`.
 */
@Component({
  selector: 'hk-table',
  exportAs: 'hkTable',
  host: { '[class.cards]': 'cards()' },
  imports: [CdkTableModule, NgTemplateOutlet, TranslocoDirective, ExportButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './table.component.html',
  styleUrl: './table.component.scss',
})
export class TableComponent<T> {
  readonly rows = input.required<readonly T[]>();
  /** Names the table for screen readers (not shown: the page's heading says it). */
  readonly caption = input.required<string>();
  /**
   * The id of a heading just above that names the table already: then the table and its frame are
   * labelled by it and have no caption of their own, so that the name is not there twice
   * (`caption` still names the exports and the pager).
   */
  readonly labelledBy = input<string | null>(null);
  /** Shown in place of the rows when there are none. */
  readonly empty = input.required<string>();
  /** What identifies a row across reloads, so that its elements (and the focus) stay; by default its `id`. */
  readonly trackBy = input<(row: T) => unknown>((row) => (row as { id?: unknown }).id ?? row);
  /** Classes of a row, e.g. to dim an inactive one. */
  readonly rowClass = input<(row: T) => string>(() => '');
  /** Base of the export's file name; without it, the table has no export buttons. */
  readonly exportFile = input<string | null>(null);
  readonly exportColumns = input<ExportColumn<T>[]>([]);
  /** For a paged table: fetches every row the filter selects, for the export (not only the page). */
  readonly exportAll = input<(() => Promise<readonly T[]>) | undefined>(undefined);
  /** On a narrow screen, each row becomes a card: its cells one under the other, each with its column's name. */
  readonly cards = input(false, { transform: booleanAttribute });

  /**
   * Given, the server pages and sorts: `rows` are one page of `total`, the pager shows where the page
   * stands, and the sortable headers (`serverSort`) and the pager ask for another page or sort.
   */
  readonly total = input<number | null>(null);
  readonly page = input(1);
  readonly pageSize = input<number>(PAGE_SIZES[0]);
  readonly serverSorted = input<ServerSort | null>(null);
  readonly pageChange = output<TablePage>();
  /** A sort asked for; an empty column asks for the list's own order. */
  readonly sortChange = output<ServerSort>();
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly pageSizeId = `hk-table-${++tables}-page-size`;
  protected readonly sortId = `hk-table-${tables}-sort`;
  /** The sorts a paged table offers on a phone, where the cards have no header: each column both ways. */
  protected readonly sortOptions = computed(() => {
    const current = this.serverSorted();
    return this.columns().flatMap((column) => {
      const name = column.serverSort();
      if (!name) return [];
      return (['asc', 'desc'] as const).map((direction) => ({
        value: `${name}:${direction}`,
        header: column.header(),
        direction,
        selected: current?.column === name && current.direction === direction,
      }));
    });
  });
  protected readonly paged = computed(() => this.total() !== null);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.total() ?? 0) / this.pageSize())));
  /** The first and last row's numbers on the page, counted from 1 (0 and 0 for an empty list). */
  protected readonly range = computed(() => {
    const total = this.total() ?? 0;
    const shown = this.rows().length;
    if (total === 0 || shown === 0) return { from: 0, to: 0, total };
    const from = (this.page() - 1) * this.pageSize() + 1;
    return { from, to: from + shown - 1, total };
  });

  protected readonly columns = contentChildren<TableColumnDirective<T>>(TableColumnDirective);
  protected readonly detail = contentChild<TableDetailDirective<T>>(TableDetailDirective);
  protected readonly names = computed(() => this.columns().map((c) => c.name()));
  protected readonly sort = signal<Sort<T> | null>(null);

  /** The rows in the order shown. */
  readonly shownRows = computed(() => {
    if (this.paged()) return this.rows();
    const sort = this.sort();
    const by = sort?.column.sortBy();
    if (!sort || !by) return this.rows();
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...this.rows()].sort((a, b) => sign * compare(by(a), by(b)));
  });

  protected readonly trackRow = (_: number, row: T) => this.trackBy()(row);

  /** The frame around the table (there once the translations have loaded). */
  private readonly wrap = viewChild<ElementRef<HTMLElement>>('wrap');
  /**
   * Whether the table is wider than its frame, which then scrolls sideways: only then is the frame
   * a tab stop (a keyboard user scrolls it with the arrow keys); otherwise it would be an empty
   * stop on the way to the table's own links and buttons.
   */
  protected readonly scrolls = signal(false);

  /** The pager; focused when the pager button pressed is disabled on the page it led to (the last). */
  private readonly pager = viewChild<ElementRef<HTMLElement>>('pager');
  /** The pager button last pressed, until the page it asked for is shown. */
  private pressed: { button: HTMLButtonElement; page: number } | null = null;

  constructor() {
    afterRenderEffect(() => {
      // read first, so that the effect runs again whenever the page changes
      const page = this.page();
      const pressed = this.pressed;
      if (!pressed || page !== pressed.page) return;
      this.pressed = null;
      const { button } = pressed;
      const active = button.ownerDocument.activeElement;
      const lost = active === button || active === button.ownerDocument.body || active === null;
      if ((button.disabled || !button.isConnected) && lost) this.pager()?.nativeElement.focus();
    });
    effect((onCleanup) => {
      const frame = this.wrap()?.nativeElement;
      if (!frame || typeof ResizeObserver === 'undefined') return;
      // measured on the first report and whenever the frame (the window) or the table (its rows,
      // columns, language) changes size
      const observer = new ResizeObserver(() => this.scrolls.set(frame.scrollWidth > frame.clientWidth + 1));
      observer.observe(frame);
      const table = frame.querySelector('table');
      if (table) observer.observe(table);
      onCleanup(() => observer.disconnect());
    });
  }

  protected ariaSort(column: TableColumnDirective<T>): Sort<T>['direction'] | null {
    if (this.paged()) {
      const server = this.serverSorted();
      if (!server || server.column !== column.serverSort()) return null;
      return server.direction === 'asc' ? 'ascending' : 'descending';
    }
    const sort = this.sort();
    return sort?.column === column ? sort.direction : null;
  }

  /** Sorts by the column, ascending first, the other way round on the next press. */
  protected sortBy(column: TableColumnDirective<T>): void {
    const ascending = this.ariaSort(column) !== 'ascending';
    this.sort.set({ column, direction: ascending ? 'ascending' : 'descending' });
    const name = column.serverSort();
    if (this.paged() && name) this.sortChange.emit({ column: name, direction: ascending ? 'asc' : 'desc' });
  }

  /** Whether a header sorts: by its value here, or by the server's column on a paged table. */
  protected sortable(column: TableColumnDirective<T>): boolean {
    return this.paged() ? column.serverSort() !== null : column.sortBy() !== null;
  }

  /** A sort chosen on a phone: `column:direction`, or empty for the list's own order. */
  protected onSortChoice(event: Event): void {
    const [column = '', direction] = (event.target as HTMLSelectElement).value.split(':');
    this.sortChange.emit({ column, direction: direction === 'desc' ? 'desc' : 'asc' });
  }

  protected goTo(page: number, event: Event): void {
    const button = event.currentTarget;
    this.pressed = button instanceof HTMLButtonElement ? { button, page } : null;
    this.pageChange.emit({ page, pageSize: this.pageSize() });
  }

  protected onPageSize(event: Event): void {
    this.pageChange.emit({ page: 1, pageSize: Number((event.target as HTMLSelectElement).value) });
  }
}

/** What a template imports to write a table. */
export const TABLE = [TableComponent, TableColumnDirective, TableDetailDirective] as const;
