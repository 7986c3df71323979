import { NgTemplateOutlet } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { DispensationDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom, Observable } from 'rxjs';

import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { justificationProblem } from '../orders/order-form-checks';
import { approveBody, hasTerms, termsForm } from './decision-terms';
import { Decision, DispensationsApi } from './dispensations.api';
import { ServerProblem, serverProblem } from './server-problem';
import { ServerProblemComponent } from './server-problem.component';

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
    ServerProblemComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decision.page.html',
})
export class DecisionPage implements OnInit {
  private readonly api = inject(DispensationsApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  /** From the route. */
  readonly id = input.required<string>();
  protected readonly state = signal<'loading' | 'ready' | 'missing'>('loading');
  protected readonly dispensation = signal<DispensationDto | null>(null);
  protected readonly busy = signal(false);
  /** A problem found before sending: which text the page shows. */
  protected readonly localError = signal<'comment' | 'revokeComment' | 'need' | 'tried' | null>(null);
  /** What the API said about the last action that failed. */
  protected readonly problem = signal<ServerProblem | null>(null);
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

  ngOnInit(): void {
    void this.load();
  }

  /** Errors are shown on the page (the state signal), so nothing is left to reject. */
  private async load(): Promise<void> {
    try {
      this.show(await firstValueFrom(this.api.get(this.id())));
      this.state.set('ready');
    } catch {
      this.state.set('missing');
    }
  }

  protected decide(decision: Decision): void {
    const d = this.dispensation();
    if (!d) return;
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
    void this.run(() => this.api.decide(d.id, decision, body));
  }

  protected resubmit(): void {
    const d = this.dispensation();
    if (!d) return;
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
    void this.run(() => this.api.resubmit(d.id, d.version, justification));
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
    if (!d || !action) return;
    this.confirming.set(null);
    if (action === 'reject') {
      const comment = this.form.controls.comment.value.trim();
      void this.run(() => this.api.decide(d.id, 'reject', { version: d.version, comment }));
    } else if (action === 'revoke') {
      const comment = this.revokeForm.controls.comment.value.trim();
      void this.run(() => this.api.revoke(d.id, d.version, comment));
    } else {
      void this.run(() => this.api.withdraw(d.id, d.version));
    }
  }

  /**
   * Sends an action. On failure the dispensation is read again, so that the page shows how it
   * is now (decided by someone else, say) together with what went wrong.
   */
  private async run(call: () => Observable<DispensationDto>): Promise<void> {
    const d = this.dispensation();
    if (!d || this.busy()) return;
    this.busy.set(true);
    this.localError.set(null);
    this.problem.set(null);
    this.announcement.set(null);
    try {
      const changed = await firstValueFrom(call());
      this.show(changed);
      this.announcement.set(changed.status);
    } catch (error) {
      const problem = serverProblem(error, FIELD_LABELS);
      try {
        this.show(await firstValueFrom(this.api.get(d.id)));
      } catch {
        // the problem says what went wrong; the page keeps what it had
      }
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Shows a dispensation; the forms start from its stored terms and justification. */
  private show(d: DispensationDto): void {
    this.dispensation.set(d);
    const key = `${d.id}:${d.status}:${d.step}`;
    if (key === this.filledFor) return;
    this.filledFor = key;
    this.form.reset({ comment: '', ...termsForm(d) });
    this.resubmitForm.reset({ ...d.justification });
    this.revokeForm.reset({ comment: '' });
  }
}
