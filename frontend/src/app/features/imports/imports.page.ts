import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  IMPORT_SOURCE_MAX_LENGTH,
  ImportDto,
  ImportKind,
  ImportRowError,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageService } from '../../core/i18n/language.service';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe } from '../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { fieldProblemText, problemText } from '../../shared/forms/problem-text';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import {
  fileProblem,
  isFinished,
  laterImport,
  monthSpan,
  pluralKey,
  pollDelayMs,
  previewMonths,
  reasonIn,
  sourceProblem,
  unlistedErrors,
} from './import-progress';
import { ImportsStore, Result } from './imports.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Consecutive failed status checks before the page stops asking and says so. */
const MAX_POLL_FAILURES = 5;

@Component({
  selector: 'hk-imports',
  imports: [RouterLink, TranslocoDirective, NumPipe, IsoDatePipe, ExportButtonsComponent, LoadStateComponent],
  providers: [ImportsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './imports.page.html',
  styleUrl: './imports.page.scss',
})
export class ImportsPage {
  protected readonly store = inject(ImportsStore);
  private readonly languages = inject(LanguageService);
  private readonly resultHeading = viewChild<ElementRef<HTMLElement>>('resultHeading');
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  private readonly sourceInput = viewChild<ElementRef<HTMLInputElement>>('sourceInput');
  private readonly undoPanel = viewChild<ElementRef<HTMLElement>>('undoPanel');

  protected readonly kinds = IMPORT_KINDS;
  protected readonly columnsOf = IMPORT_COLUMNS;
  protected readonly kind = signal<ImportKind>('purchased-hours');
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<'missing' | 'empty' | 'tooLarge' | null>(null);
  protected readonly sourceMax = IMPORT_SOURCE_MAX_LENGTH;
  protected readonly source = signal('');
  protected readonly sourceError = signal<'missing' | 'tooLong' | 'invalid' | null>(null);
  /** The region's earlier sources of the chosen kind, offered by the source field. */
  protected readonly knownSources = computed(() =>
    this.store.sources.hasValue() ? this.store.sources.value() : [],
  );
  /** Why the last confirm, discard or undo was refused, if it was. */
  protected readonly actionError = signal<ApiProblem | null>(null);
  /** The import whose undo waits for the purchaser's second, deliberate press. */
  protected readonly confirmingUndo = signal<string | null>(null);

  /** The upload itself: null before; percent null while the size is unknown. */
  protected readonly upload = signal<{ percent: number | null } | null>(null);
  protected readonly failure = signal<ApiProblem | null>(null);
  protected readonly problemText = problemText;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly laterImport = laterImport;
  protected readonly fieldProblems = (problem: ApiProblem) => Object.values(problem.fields);
  /** The import being followed (or opened from the list), as the API last described it. */
  protected readonly current = signal<ImportDto | null>(null);
  protected readonly followLost = signal(false);
  /** While the worker's progress is followed after an upload or a decision. */
  private readonly following = signal(false);
  protected readonly busy = computed(() => this.store.busy() || this.following());

  protected readonly history = computed(() =>
    this.store.history.hasValue() ? this.store.history.value() : [],
  );

  protected readonly isFinished = isFinished;
  protected readonly monthSpan = monthSpan;
  protected readonly unlisted = unlistedErrors;
  protected readonly previewMonths = previewMonths;

  private readonly dates = new IsoDatePipe();
  private readonly numbers = new NumPipe();
  private destroyed = false;
  private followed = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    this.store.sourcesKind.set(this.kind());
  }

  /** "1 rad", "5 888 rader": a count with the singular or plural of a pair of keys. */
  protected counted(t: Translate, key: string, count: number): string {
    return t(pluralKey(key, count), { count: this.numbers.transform(count) });
  }

  /** A profession group's name; a code the interface does not know is shown as it is. */
  protected groupName(t: Translate, code: string): string {
    return this.named(t, `imports.group.${code}`, code);
  }

  /** A care setting's name (own-staff cost's doubles); an unknown code as it is. */
  protected careSettingName(t: Translate, code: string): string {
    return this.named(t, `careSetting.${code}`, code);
  }

  private named(t: Translate, key: string, code: string): string {
    const name = t(key);
    return name === key || name === '' ? code : name;
  }

  /**
   * An import the seed (or the benchmark) wrote straight into the tables: no file lines were read,
   * so there is no progress to show, only its result.
   */
  protected writtenWithoutFile(imp: ImportDto): boolean {
    return imp.linesTotal === 0 && (imp.status === 'DONE' || imp.status === 'UNDONE');
  }

  protected reason(error: ImportRowError): string {
    return reasonIn(error, this.languages.language());
  }

  protected onKind(kind: ImportKind): void {
    this.kind.set(kind);
    this.store.sourcesKind.set(kind);
  }

  protected onSource(event: Event): void {
    this.source.set((event.target as HTMLInputElement).value);
    this.sourceError.set(null);
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.item(0) ?? null);
    this.fileError.set(null);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const file = this.file();
    const source = this.source().trim();
    const sourceIssue = sourceProblem(source);
    const problem = fileProblem(file);
    this.sourceError.set(sourceIssue);
    this.fileError.set(problem);
    if (sourceIssue) {
      this.sourceInput()?.nativeElement.focus();
      return;
    }
    if (problem || !file) {
      this.fileInput()?.nativeElement.focus();
      return;
    }
    this.failure.set(null);
    this.actionError.set(null);
    this.confirmingUndo.set(null);
    this.followLost.set(false);
    this.current.set(null);
    this.upload.set({ percent: 0 });
    const result = await this.store.upload(this.kind(), source, file, (percent) =>
      this.upload.set({ percent }),
    );
    if (!result.ok) {
      this.upload.set(null);
      this.failure.set(apiProblemOf(result.error));
      return;
    }
    this.current.set(result.value);
    this.file.set(null);
    const input = this.fileInput()?.nativeElement;
    if (input) input.value = '';
    await this.follow(result.value.id);
  }

  /** Confirms the previewed import and follows the worker writing it. */
  protected confirmImport(imp: ImportDto): Promise<void> {
    return this.act(imp, (id) => this.store.confirm(id), true);
  }

  /** Drops the previewed import: nothing is written. */
  protected discardImport(imp: ImportDto): Promise<void> {
    return this.act(imp, (id) => this.store.discard(id), false);
  }

  /**
   * First press of "Ångra importen": shows, in the page, what the undo will do and moves the focus
   * to that text (not to the button that does it), so that Enter, or a key held down, on the first
   * button cannot complete the undo.
   */
  protected askUndo(imp: ImportDto): void {
    if (this.busy()) return;
    this.actionError.set(null);
    this.confirmingUndo.set(imp.id);
    setTimeout(() => this.undoPanel()?.nativeElement.focus());
  }

  protected cancelUndo(): void {
    this.confirmingUndo.set(null);
    setTimeout(() => document.getElementById('import-undo')?.focus());
  }

  /** Takes a finished import back (after the confirmation): its rows leave, the rows it replaced return. */
  protected undoImport(imp: ImportDto): Promise<void> {
    if (this.confirmingUndo() !== imp.id) return Promise.resolve();
    this.confirmingUndo.set(null);
    return this.act(imp, (id) => this.store.undo(id), false);
  }

  /**
   * Runs a decision on the import shown; a refusal is shown (never as a success) and the import
   * is asked for again, so that the page shows its real status.
   */
  private async act(
    imp: ImportDto,
    request: (id: string) => Promise<Result<ImportDto>>,
    follow: boolean,
  ): Promise<void> {
    if (this.busy()) return;
    this.actionError.set(null);
    this.failure.set(null);
    const result = await request(imp.id);
    if (result.ok) {
      this.current.set(result.value);
      if (follow && !isFinished(result.value.status)) await this.follow(result.value.id);
      else this.focusResult();
    } else {
      this.actionError.set(apiProblemOf(result.error));
      await this.store
        .get(imp.id)
        .then((fresh) => this.current.set(fresh))
        .catch(() => undefined);
      this.focusResult();
    }
  }

  /** Opens an earlier import (with its row errors) in the result area. */
  protected async open(imp: ImportDto): Promise<void> {
    this.confirmingUndo.set(null);
    this.failure.set(null);
    this.actionError.set(null);
    this.upload.set(null);
    this.followLost.set(false);
    this.current.set(imp);
    try {
      const full = await this.store.get(imp.id);
      this.current.set(full);
      if (!isFinished(full.status) && !this.busy()) {
        await this.follow(full.id);
      } else {
        this.focusResult();
      }
    } catch {
      this.followLost.set(true);
    }
  }

  /** Opens an import known only by its id (the later import that blocks an undo). */
  protected async openById(id: string): Promise<void> {
    try {
      await this.open(await this.store.get(id));
    } catch {
      this.followLost.set(true);
    }
  }

  protected loadHistory(): void {
    this.store.history.reload();
  }

  /** Asks about the import until the worker is done with it (or the page is left). */
  private async follow(id: string): Promise<void> {
    this.following.set(true);
    try {
      await this.poll(id);
    } finally {
      this.following.set(false);
    }
  }

  private async poll(id: string): Promise<void> {
    const token = ++this.followed;
    let failures = 0;
    for (let attempt = 0; !this.destroyed && token === this.followed; attempt++) {
      await new Promise((r) => setTimeout(r, pollDelayMs(attempt)));
      if (this.destroyed || token !== this.followed) return;
      try {
        const imp = await this.store.get(id);
        failures = 0;
        if (token !== this.followed) return;
        this.current.set(imp);
        if (isFinished(imp.status)) {
          this.loadHistory();
          this.focusResult();
          return;
        }
      } catch {
        if (++failures >= MAX_POLL_FAILURES) {
          this.followLost.set(true);
          return;
        }
      }
    }
  }

  private focusResult(): void {
    setTimeout(() => this.resultHeading()?.nativeElement.focus());
  }

  // Export columns, built once per translation function (it changes with the language).
  private errorColumnsCache: { t: Translate; columns: ExportColumn<ImportRowError>[] } | null = null;
  private historyColumnsCache: { t: Translate; columns: ExportColumn<ImportDto>[] } | null = null;

  protected errorColumns(t: Translate): ExportColumn<ImportRowError>[] {
    if (this.errorColumnsCache?.t !== t) {
      this.errorColumnsCache = {
        t,
        columns: [
          { header: t('imports.errorLine'), value: (e) => e.line, kind: 'number' },
          { header: t('imports.errorColumn'), value: (e) => e.column },
          { header: t('imports.errorValue'), value: (e) => e.value },
          { header: t('imports.errorReason'), value: (e) => this.reason(e) },
        ],
      };
    }
    return this.errorColumnsCache.columns;
  }

  protected historyColumns(t: Translate): ExportColumn<ImportDto>[] {
    if (this.historyColumnsCache?.t !== t) {
      this.historyColumnsCache = {
        t,
        columns: [
          {
            header: t('imports.uploaded'),
            value: (i) => this.dates.transform(i.createdAt, true),
            kind: 'date',
          },
          { header: t('imports.fileName'), value: (i) => i.fileName },
          { header: t('imports.kindColumn'), value: (i) => t(`imports.kindShort.${i.kind}`) },
          { header: t('imports.sourceColumn'), value: (i) => i.source },
          { header: t('imports.statusColumn'), value: (i) => t(`imports.status.${i.status}`) },
          { header: t('imports.rows'), value: (i) => i.linesTotal, kind: 'number' },
          { header: t('imports.written'), value: (i) => i.rowsWritten, kind: 'number' },
          { header: t('imports.replaced'), value: (i) => i.rowsReplaced, kind: 'number' },
          { header: t('imports.errorCount'), value: (i) => i.errorCount, kind: 'number' },
          { header: t('imports.firstMonth'), value: (i) => monthSpan(i.months)?.first ?? null },
          { header: t('imports.lastMonth'), value: (i) => monthSpan(i.months)?.last ?? null },
        ],
      };
    }
    return this.historyColumnsCache.columns;
  }
}
