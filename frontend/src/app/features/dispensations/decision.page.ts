import { NgTemplateOutlet } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { DispensationDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { justificationProblem } from '../orders/order-form-checks';
import { isMissing, type Result } from '../orders/orders.store';
import { approveBody, hasTerms, termsForm } from './decision-terms';
import { Decision } from './dispensations.api';
import { DispensationsStore } from './dispensations.store';

/** The actions that cannot be undone: each asks for confirmation in the page. */
export type FinalAction = 'reject' | 'revoke' | 'withdraw';

/** The API's field paths and the labels the page shows for them. */
const FIELD_LABELS: Record<string, string> = {
  comment: 'dispensations.commentShort',
  conditions: 'dispensations.conditions',
  validFrom: 'dispensations.validFrom',
  validTo: 'dispensations.validTo',
  hoursCap: 'dispensations.hoursCap',
  costCap: 'dispensations.costCap',
  delegationReference: 'dispensations.delegation',
  'justification.patientSafetyNeed': 'dispensations.need',
  'justification.alternativesTried': 'dispensations.tried',
};

@Component({
  selector: 'hk-dispensation-decision',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TranslocoDirective,
    SekPipe,
    NumPipe,
    IsoDatePipe,
    FormAlertComponent,
    LoadStateComponent,
  ],
  providers: [DispensationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decision.page.html',
})
export class DecisionPage {
  protected readonly store = inject(DispensationsStore);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  /** From the route. */
  readonly id = input.required<string>();
  /** There is no such dispensation for the user; other failures say so with a retry. */
  protected readonly missing = computed(() => isMissing(this.store.dispensation.error()));
  protected readonly dispensation = computed(() =>
    this.store.dispensation.hasValue() ? this.store.dispensation.value() : null,
  );
  protected readonly busy = this.store.busy;
  /** A problem found before sending: which text the page shows. */
  protected readonly localError = signal<'comment' | 'revokeComment' | 'need' | 'tried' | null>(null);
  /** What the API said about the last action that failed. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly fieldLabels = FIELD_LABELS;
  /** The action waiting for the user's confirmation. */
  protected readonly confirming = signal<FinalAction | null>(null);
  /** Announced after an action changed the dispensation. */
  protected readonly announcement = signal<string | null>(null);
  protected readonly hasTerms = hasTerms;
  protected readonly form = this.fb.group({
    comment: [''],
    conditions: [''],
    validFrom: [''],
    validTo: [''],
    hoursCap: [''],
    costCap: [''],
    delegationReference: [''],
  });
  protected readonly resubmitForm = this.fb.group({ patientSafetyNeed: [''], alternativesTried: [''] });
  protected readonly revokeForm = this.fb.group({ comment: [''] });
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly confirmButton = viewChild<ElementRef<HTMLButtonElement>>('confirmButton');
  /** The state the forms were last filled from: a reload after a 400 keeps what the user typed. */
  private filledFor = '';

  constructor() {
    effect(() => this.store.dispensationId.set(this.id()));
    // the forms start from the dispensation's stored terms and justification
    effect(() => {
      const d = this.dispensation();
      if (d) untracked(() => this.fill(d));
    });
  }

  protected decide(decision: Decision): void {
    const d = this.dispensation();
    if (!d || this.busy()) return;
    const v = this.form.getRawValue();
    if (decision !== 'approve' && !v.comment.trim()) {
      this.localError.set('comment');
      return;
    }
    if (decision === 'reject') {
      this.ask('reject');
      return;
    }
    const body =
      decision === 'approve'
        ? approveBody(d.version, v.comment, v)
        : { version: d.version, comment: v.comment.trim() };
    void this.run(this.store.decide(d, decision, body));
  }

  protected resubmit(): void {
    const d = this.dispensation();
    if (!d || this.busy()) return;
    const v = this.resubmitForm.getRawValue();
    const justification = {
      patientSafetyNeed: v.patientSafetyNeed.trim(),
      alternativesTried: v.alternativesTried.trim(),
    };
    const missing = justificationProblem(justification);
    if (missing) {
      this.localError.set(missing);
      return;
    }
    void this.run(this.store.resubmit(d, justification));
  }

  /** Asks for confirmation of an action that cannot be undone. */
  protected ask(action: FinalAction): void {
    if (action === 'revoke' && !this.revokeForm.controls.comment.value.trim()) {
      this.localError.set('revokeComment');
      return;
    }
    this.localError.set(null);
    this.confirming.set(action);
    afterNextRender(() => this.confirmButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelConfirm(): void {
    const action = this.confirming();
    this.confirming.set(null);
    afterNextRender(() => document.getElementById(`dc-${action}`)?.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    const d = this.dispensation();
    const action = this.confirming();
    if (!d || !action || this.busy()) return;
    this.confirming.set(null);
    if (action === 'reject') {
      const comment = this.form.controls.comment.value.trim();
      void this.run(this.store.decide(d, 'reject', { version: d.version, comment }));
    } else if (action === 'revoke') {
      const comment = this.revokeForm.controls.comment.value.trim();
      void this.run(this.store.revoke(d, comment));
    } else {
      void this.run(this.store.withdraw(d));
    }
  }

  /** Shows how an action went, then moves the focus to the heading. */
  private async run(action: Promise<Result<DispensationDto>>): Promise<void> {
    this.localError.set(null);
    this.problem.set(null);
    this.announcement.set(null);
    const result = await action;
    if (result.ok) this.announcement.set(result.value.status);
    else this.problem.set(apiProblemOf(result.error));
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Fills the forms from a dispensation, unless they were filled from the same state. */
  private fill(d: DispensationDto): void {
    const key = `${d.id}:${d.status}:${d.step}`;
    if (key === this.filledFor) return;
    this.filledFor = key;
    this.form.reset({ comment: '', ...termsForm(d) });
    this.resubmitForm.reset({ ...d.justification });
    this.revokeForm.reset({ comment: '' });
  }
}
