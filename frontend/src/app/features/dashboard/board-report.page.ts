import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BOARD_COMMENT_MAX_LENGTH, BoardCommentDto } from '@hyrkoll/contracts';
import { MonthKey } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { type ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { problemText } from '../../shared/forms/problem-text';
import { DashboardStore } from './dashboard.store';
import { DashboardContentComponent } from './dashboard-content.component';
import { formatMonth } from './dashboard-format';
import { DashboardQuery, periodChoices, toParams } from './dashboard-query';
import { DashboardSelectionPage } from './dashboard-selection';
import { Translate } from './dashboard-views';
import { MetricsApi } from './metrics.api';
import { ReportPrintFrameComponent } from './report-print-frame.component';

/**
 * The monthly board report (`/dashboard/report?month=YYYY-MM`): the dashboard's content for one
 * month, laid out for A4 paper, with a print button.
 */
@Component({
  selector: 'hk-board-report',
  imports: [TranslocoDirective, RouterLink, DashboardContentComponent, ReportPrintFrameComponent],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './board-report.page.html',
  styleUrl: './board-report.page.scss',
})
export class BoardReportPage extends DashboardSelectionPage {
  private readonly document = inject(DOCUMENT);
  private readonly metrics = inject(MetricsApi);

  /** The report's month, bound by the router. */
  readonly month = input<string>();

  /** The steering group writes the month's commentary; everyone who reads the report sees it. */
  protected readonly mayComment = computed(() => this.auth.can('board-comment:write'));
  protected readonly maxLength = BOARD_COMMENT_MAX_LENGTH;
  protected readonly comment = signal<BoardCommentDto | null>(null);
  protected readonly commentState = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly draft = signal('');
  protected readonly saving = signal(false);
  /** The browser's check of the text, or what the API said against saving it. */
  protected readonly saveProblem = signal<'empty' | 'tooLong' | ApiProblem | null>(null);
  protected readonly saved = signal(false);
  /** The other person's commentary, saved while this user was writing (a 409), to merge by hand. */
  protected readonly conflict = signal<BoardCommentDto | null>(null);
  /** Today in Swedish time, "2026-11-23". */
  protected readonly printedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(),
  );

  /** The report month's query: the charts start in January two years earlier. */
  protected periodParams() {
    return { to: this.month() };
  }

  /** Every reader's title: the month's report with figures, else the report's plain heading. */
  protected heading(t: Translate, query: DashboardQuery | null): string {
    return query && this.allowed()
      ? t('dashboard.report.title', { month: formatMonth(query.to, this.languages.locale()) })
      : t('dashboard.report.heading');
  }

  protected readonly months = computed<MonthKey[]>(() => {
    const bounds = this.store.context()?.bounds;
    return bounds ? [...periodChoices(bounds)].reverse() : [];
  });

  protected readonly regionName = computed(() => this.auth.me()?.region.name ?? '');

  protected readonly dashboardParams = computed(() => {
    const query = this.query();
    return query ? toParams(query) : {};
  });

  constructor() {
    super();
    effect(() => {
      const month = this.query()?.to;
      if (month) void this.loadComment(month);
    });
  }

  private async loadComment(month: MonthKey): Promise<void> {
    this.commentState.set('loading');
    this.saved.set(false);
    this.saveProblem.set(null);
    this.conflict.set(null);
    try {
      const { comment } = await firstValueFrom(this.metrics.boardComment(month));
      if (this.query()?.to !== month) return;
      this.comment.set(comment);
      this.draft.set(comment?.text ?? '');
      this.commentState.set('ready');
    } catch {
      this.commentState.set('failed');
    }
  }

  protected onDraft(event: Event): void {
    this.draft.set((event.target as HTMLTextAreaElement).value);
    this.saved.set(false);
    this.saveProblem.set(null);
  }

  protected async saveComment(): Promise<void> {
    const month = this.query()?.to;
    if (!month || this.saving()) return;
    const text = this.draft().trim();
    if (text.length === 0) return this.refuse('empty');
    if (text.length > this.maxLength) return this.refuse('tooLong');
    this.saving.set(true);
    this.saveProblem.set(null);
    try {
      const saved = await firstValueFrom(
        this.metrics.saveBoardComment(month, { text, version: this.comment()?.version }),
      );
      this.comment.set(saved);
      this.conflict.set(null);
      this.draft.set(saved.text);
      this.saved.set(true);
      this.focusStatus();
    } catch (error) {
      const problem = apiProblemOf(error);
      this.refuse(problem);
      // someone else saved first: their text beside the one typed here (kept), to merge by
      // hand; the next save is of their version
      if (problem.code === 'STALE_VERSION') {
        const now = await firstValueFrom(this.metrics.boardComment(month)).catch(() => null);
        if (now && this.query()?.to === month) {
          this.comment.set(now.comment);
          this.conflict.set(now.comment);
        }
      }
    } finally {
      this.saving.set(false);
    }
  }

  /** The problem of saving the commentary, in the page's language. */
  protected saveProblemText(t: Translate, problem: 'empty' | 'tooLong' | ApiProblem): string {
    return typeof problem === 'string'
      ? t('dashboard.comment.problem.' + problem, { max: this.maxLength })
      : problemText(problem, t);
  }

  private refuse(problem: 'empty' | 'tooLong' | ApiProblem): void {
    this.saveProblem.set(problem);
    setTimeout(() => this.document.getElementById('board-comment')?.focus());
  }

  private focusStatus(): void {
    setTimeout(() => this.document.getElementById('board-comment-status')?.focus());
  }

  /** The date and author of the commentary, as the page shows them. */
  protected commentBy(comment: BoardCommentDto): { name: string; date: string } {
    const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(comment.updatedAt),
    );
    return { name: comment.updatedBy.name, date };
  }

  protected above(points: string | null): boolean {
    return points !== null && Number(points) > 0;
  }

  protected targetText(value: string | null, decimals = 0): string {
    if (value === null) return '–';
    return `${new Intl.NumberFormat(this.languages.locale(), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(Number(value))} %`;
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected onMonth(event: Event): void {
    const month = (event.target as HTMLSelectElement).value;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { month },
      queryParamsHandling: 'merge',
    });
  }
}
