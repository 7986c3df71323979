import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DispensationDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, SekPipe } from '../../shared/format/format.pipes';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { DispensationsStore } from './dispensations.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Days since a moment, whole days. */
function ageInDays(since: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 86_400_000));
}

@Component({
  selector: 'hk-dispensation-inbox',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    TranslocoDirective,
    SekPipe,
    IsoDatePipe,
    ExportButtonsComponent,
    LoadStateComponent,
  ],
  providers: [DispensationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox.page.html',
})
export class InboxPage implements OnInit {
  protected readonly store = inject(DispensationsStore);
  private readonly lists = computed(() =>
    this.store.inbox.hasValue() ? this.store.inbox.value() : { waiting: [], others: [] },
  );
  protected readonly waiting = computed(() => this.lists().waiting);
  protected readonly all = computed(() => this.lists().others);
  protected readonly age = ageInDays;
  protected readonly everything = computed(() => [...this.waiting(), ...this.all()]);

  /** Columns of the export, in the language shown (`t` is the template's, with the scope loaded). */
  protected exportColumns(t: Translate): ExportColumn<DispensationDto>[] {
    return [
      { header: t('dispensations.order'), value: (d) => d.orderReference },
      { header: t('dispensations.unit'), value: (d) => d.unit.name },
      { header: t('dispensations.area'), value: (d) => d.unit.areaName },
      { header: t('dispensations.rules'), value: (d) => d.rules.map((r) => t(`rule.${r.rule}`)).join(', ') },
      { header: t('dispensations.estimate'), value: (d) => d.estimatedCost, kind: 'money' },
      { header: t('dispensations.submitted'), value: (d) => d.submittedAt.slice(0, 10), kind: 'date' },
      { header: t('dispensations.ageDays'), value: (d) => ageInDays(d.submittedAt), kind: 'number' },
      { header: t('dispensations.statusColumn'), value: (d) => t(`dispensations.status.${d.status}`) },
      { header: t('dispensations.validTo'), value: (d) => d.validTo, kind: 'date' },
    ];
  }

  ngOnInit(): void {
    this.store.inboxShown.set(true);
  }
}
