import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { FailedJobDto, OperationsImportDto, QueueCountsDto, RollupMonthDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageService } from '../../core/i18n/language.service';
import { IsoDatePipe } from '../../shared/format/format.pipes';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { TABLE } from '../../shared/table/table.component';
import { AdminApi } from './admin.api';

/**
 * The region's import and rollup status, for its administrator: recent imports with their
 * errors, the last rollup of each month, and the region's own jobs in the queues. The
 * deployment's queue board is the operator's, not a region's (decision 021). A failure is said in
 * the page's own words per queue; the worker's reason (technical English) is behind a `<details>`,
 * marked `lang="en"`.
 */
@Component({
  selector: 'hk-admin-operations',
  imports: [NgTemplateOutlet, TranslocoDirective, IsoDatePipe, LoadStateComponent, TABLE],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  templateUrl: './operations.page.html',
})
export class OperationsPage {
  private readonly api = inject(AdminApi);
  private readonly languages = inject(LanguageService);

  protected readonly status = rxResource({ stream: () => this.api.operationsStatus() });

  protected readonly byMonth = (m: RollupMonthDto) => m.month;
  protected readonly importId = (i: OperationsImportDto) => i.id;
  protected readonly queueName = (q: QueueCountsDto) => q.queue;
  protected readonly failedKey = (j: FailedJobDto) => `${j.queue}:${j.name}:${j.subject}:${j.failedAt}`;

  protected reason(error: OperationsImportDto['errors'][number]): string {
    return this.languages.language() === 'sv' ? error.reason.sv : error.reason.en;
  }

  protected reload(): void {
    this.status.reload();
  }
}
