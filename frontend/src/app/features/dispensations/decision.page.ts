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
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { type AuditEventDto, type DispensationDetailDto, FieldErrorCode } from '@hyrkoll/contracts';
import { swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { TranslatedTitleStrategy } from '../../core/title/translated-title.strategy';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { type FieldProblem, fieldProblem } from '../../shared/forms/form-problem';
import { fieldProblemText } from '../../shared/forms/problem-text';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { checkJustification } from '../orders/order-form-checks';
import { breakdownDecimals, decimalsOf } from '../orders/order-problems';
import { isMissing, type Result } from '../orders/orders.store';
import {
  approveBody,
  hasTerms,
  TERMS_FIELDS,
  TermsField,
  termsForm,
  TermsProblem,
  termsProblems,
} from './decision-terms';
import { Decision, DispensationsApi } from './dispensations.api';
import { DispensationsStore } from './dispensations.store';

/**
 * The actions that cannot be undone: each asks for confirmation in the page (a rejection in the
 * decision's confirmation with its summary, the others in a panel of their own).
 */
export type FinalAction = 'reject' | 'revoke' | 'withdraw';

/** The fields the browser checks before a resubmission or a revocation. */
type LocalProblems = Partial<
  Record<'revokeComment' | 'patientSafetyNeed' | 'alternativesTried', FieldProblem>
>;

/** What an approval or a rejection will decide, as the confirmation sums it up and then sends it. */
export interface PendingDecision {
  decision: 'approve' | 'reject';
  body: Record<string, unknown>;
  comment: string;
  conditions: string;
  validFrom: string;
  validTo: string;
  hoursCap: string;
  costCap: string;
  delegationReference: string;
}

/** The form controls' ids, by the field they hold. */
const FIELD_IDS: Record<TermsField, string> = {
  comment: 'dc-comment',
  validFrom: 'dc-from',
  validTo: 'dc-to',
  hoursCap: 'dc-hours',
  costCap: 'dc-cost',
};

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
    FieldErrorComponent,
    LoadStateComponent,
  ],
  providers: [DispensationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decision.page.html',
  styleUrl: './decision.page.scss',
})
export class DecisionPage {
  protected readonly store = inject(DispensationsStore);
  private readonly api = inject(DispensationsApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly titles = inject(TranslatedTitleStrategy);
  private readonly fb = inject(NonNullableFormBuilder);
  /** From the route. */
  readonly id = input.required<string>();
  /** There is no such dispensation for the user; other failures say so with a retry. */
  protected readonly missing = computed(() => isMissing(this.store.dispensation.error()));
  protected readonly dispensation = computed(() =>
    this.store.dispensation.hasValue() ? this.store.dispensation.value() : null,
  );
  protected readonly busy = this.store.busy;
  /**
   * The dispensation's history from the order's trail (same shape as the order page's): what
   * Hyrkoll did by itself is shown as the system's, not the user's.
   */
  protected readonly timeline = rxResource({
    params: () => {
      const d = this.dispensation();
      return d ? { orderId: d.orderId, id: d.id, version: d.version } : undefined;
    },
    stream: ({ params }) => this.api.timeline(params.orderId, params.id),
  });
  /**
   * The problems the browser finds before sending a resubmission or a revocation, at their fields,
   * in the API's field codes (worded by the shared `fieldProblemText`, as the API's own would be).
   */
  protected readonly localProblems = signal<LocalProblems>({});
  /** The decision form's problems, at their fields and in the summary above the actions. */
  protected readonly fieldProblems = signal<TermsProblem[]>([]);
  /** The approval or rejection waiting for its confirmation, with what it decides. */
  protected readonly pending = signal<PendingDecision | null>(null);
  /** What the API said about the last action that failed. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly fieldLabels = FIELD_LABELS;
  /** The decision form was changed while its confirmation was open, which closed it. */
  protected readonly confirmationClosed = signal(false);
  /** The action waiting for the user's confirmation. */
  protected readonly confirming = signal<Exclude<FinalAction, 'reject'> | null>(null);
  /**
   * Announced after an action changed the dispensation: its state, and whether a granted step
   * sent it on to the next step's decider.
   */
  protected readonly announcement = signal<{ status: string; nextStep: boolean } | null>(null);
  protected readonly hasTerms = hasTerms;
  /** Amounts with öre when they have them, so that a breakdown's parts add up to its total. */
  protected readonly moneyDecimals = breakdownDecimals;
  protected readonly decimals = decimalsOf;
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
  private readonly decisionConfirm = viewChild<ElementRef<HTMLElement>>('decisionConfirm');
  /** The state the forms were last filled from: a reload after a 400 keeps what the user typed. */
  private filledFor = '';

  constructor() {
    effect(() => this.store.dispensationId.set(this.id()));
    // the tab and the history name the case (by its order's reference) once it is read
    effect(() => {
      const reference = this.dispensation()?.orderReference;
      if (reference) untracked(() => this.titles.showRecord('pageTitle.dispensationOf', { reference }));
    });
    // the forms start from the dispensation's stored terms and justification
    effect(() => {
      const d = this.dispensation();
      if (d) untracked(() => this.fill(d));
    });
    // the confirmation sums up what is sent: a change made while it is open closes it, and the
    // decision is asked for again with the new values
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.keepComment(this.form.controls.comment.value);
      if (!this.pending()) return;
      this.pending.set(null);
      this.confirmationClosed.set(true);
    });
  }

  /** The heading over the facts: what is to be decided, what was decided, or just the case. */
  protected factsHeading(status: string): string {
    if (status === 'SUBMITTED' || status === 'UNDER_REVIEW') return 'dispensations.whatIsDecided';
    if (['APPROVED', 'REJECTED', 'EXPIRED', 'REVOKED'].includes(status))
      return 'dispensations.whatWasDecided';
    return 'dispensations.theCase';
  }

  /** Whether the estimate has extras besides the labour and the travel allowance. */
  protected hasExtras(d: DispensationDetailDto): boolean {
    return Number(d.order.estimate.extras) > 0;
  }

  /** An event of the history in the page's language, with the decision's comment when it has one. */
  protected eventText(t: (key: string) => string, e: AuditEventDto): string {
    const key = `dispensations.event.${e.action.replace(/^dispensation\./, '')}`;
    const text = t(key);
    const after = e.after as { comment?: unknown } | null;
    const comment =
      typeof after?.comment === 'string' && after.comment.trim() ? ` – ${after.comment.trim()}` : '';
    return (text === key ? e.action : text) + comment;
  }

  /** A field's problem in the page's language, in the words of the API's field codes. */
  protected readonly fieldProblemText = fieldProblemText;

  /** The problem of one field of the decision form, if it has one. */
  protected problemOf(field: TermsField): TermsProblem | undefined {
    return this.fieldProblems().find((p) => p.field === field);
  }

  /** The ids that describe a field: its hint (if any) and its problem (when it has one). */
  protected describedBy(field: TermsField, hint?: string): string | null {
    const ids = [hint, this.problemOf(field) ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  /**
   * One of the three decisions. Approval and rejection are checked here, then summed up for a
   * confirmation; only its own button sends them. A return (it decides nothing final) is sent
   * once its comment is there.
   */
  protected decide(decision: Decision): void {
    const d = this.dispensation();
    if (!d || this.busy()) return;
    const v = this.form.getRawValue();
    const problems: TermsProblem[] =
      decision !== 'approve' && !v.comment.trim()
        ? [{ field: 'comment', problem: fieldProblem('required') }]
        : [];
    if (decision === 'approve') problems.push(...termsProblems(v, d, swedishDate(new Date())));
    this.fieldProblems.set(problems);
    this.problem.set(null);
    if (problems.length) {
      this.pending.set(null);
      this.focusField(problems[0].field);
      return;
    }
    if (decision === 'return') {
      void this.run(this.store.decide(d, 'return', { version: d.version, comment: v.comment.trim() }));
      return;
    }
    const body =
      decision === 'approve'
        ? approveBody(d.version, v.comment, v)
        : { version: d.version, comment: v.comment.trim() };
    this.confirming.set(null);
    this.confirmationClosed.set(false);
    this.pending.set({ decision, body, ...v, comment: v.comment.trim() });
    afterNextRender(() => this.decisionConfirm()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Escape or Avbryt: nothing is decided, and the focus goes back to the button that asked. */
  protected cancelDecision(): void {
    const pending = this.pending();
    if (!pending) return;
    this.pending.set(null);
    this.confirmationClosed.set(false);
    afterNextRender(() => document.getElementById(`dc-${pending.decision}`)?.focus(), {
      injector: this.injector,
    });
  }

  /** The confirmation's own button: sends what the summary showed. */
  protected confirmDecision(): void {
    const d = this.dispensation();
    const pending = this.pending();
    if (!d || !pending || this.busy()) return;
    this.pending.set(null);
    // never anything but what the summary showed
    const v = this.form.getRawValue();
    const changed = (Object.keys(v) as (keyof typeof v)[]).some((k) =>
      k === 'comment' ? v.comment.trim() !== pending.comment : v[k] !== pending[k],
    );
    if (changed) {
      this.confirmationClosed.set(true);
      return;
    }
    void this.run(this.store.decide(d, pending.decision, pending.body));
  }

  private focusField(field: TermsField): void {
    afterNextRender(() => document.getElementById(FIELD_IDS[field])?.focus(), { injector: this.injector });
  }

  protected resubmit(): void {
    const d = this.dispensation();
    if (!d || this.busy()) return;
    const v = this.resubmitForm.getRawValue();
    const justification = {
      patientSafetyNeed: v.patientSafetyNeed.trim(),
      alternativesTried: v.alternativesTried.trim(),
    };
    const problems = checkJustification(justification);
    this.localProblems.set(problems);
    if (problems.patientSafetyNeed || problems.alternativesTried) {
      this.focusById(problems.patientSafetyNeed ? 'dc-need' : 'dc-tried');
      return;
    }
    void this.run(this.store.resubmit(d, justification));
  }

  /** Asks for confirmation of an action that cannot be undone. */
  protected ask(action: Exclude<FinalAction, 'reject'>): void {
    if (action === 'revoke' && !this.revokeForm.controls.comment.value.trim()) {
      this.localProblems.set({ revokeComment: fieldProblem(FieldErrorCode.REQUIRED) });
      this.focusById('dc-revoke-comment');
      return;
    }
    this.localProblems.set({});
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
    if (action === 'revoke') {
      const comment = this.revokeForm.controls.comment.value.trim();
      void this.run(this.store.revoke(d, comment));
    } else {
      void this.run(this.store.withdraw(d));
    }
  }

  /**
   * Shows how an action went, then moves the focus: to the first field the API refused, else to
   * the heading (the state, now or after someone else's decision).
   */
  private focusById(id: string): void {
    afterNextRender(() => document.getElementById(id)?.focus(), { injector: this.injector });
  }

  private async run(action: Promise<Result<DispensationDetailDto>>): Promise<void> {
    this.localProblems.set({});
    this.problem.set(null);
    this.announcement.set(null);
    const before = this.dispensation()?.step ?? null;
    const result = await action;
    if (result.ok) {
      const now = result.value;
      this.keepComment('');
      this.announcement.set({
        status: now.status,
        nextStep: now.status === 'UNDER_REVIEW' && before !== null && now.step > before,
      });
      this.fieldProblems.set([]);
    } else {
      const problem = apiProblemOf(result.error);
      this.problem.set(problem);
      const problems: TermsProblem[] = TERMS_FIELDS.filter((field) => problem.fields[field]).map((field) => ({
        field,
        problem: problem.fields[field],
      }));
      this.fieldProblems.set(problems);
      if (problems.length && this.dispensation()?.mayDecide) {
        this.focusField(problems[0].field);
        return;
      }
    }
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  /**
   * The decision's comment is kept in this tab while it is typed (per user and dispensation), so
   * that it survives a session that ends mid-decision and the login after it.
   */
  private commentKey(): string | null {
    const user = this.auth.me()?.id;
    return user ? `hyrkoll.decisionComment.${user}.${this.id()}` : null;
  }

  private keepComment(comment: string): void {
    const key = this.commentKey();
    if (!key) return;
    try {
      if (comment.trim()) sessionStorage.setItem(key, comment);
      else sessionStorage.removeItem(key);
    } catch {
      // not kept; nothing else to do
    }
  }

  private keptComment(): string {
    const key = this.commentKey();
    try {
      return (key && sessionStorage.getItem(key)) || '';
    } catch {
      return '';
    }
  }

  /** Fills the forms from a dispensation, unless they were filled from the same state. */
  private fill(d: DispensationDetailDto): void {
    const key = `${d.id}:${d.status}:${d.step}`;
    if (key === this.filledFor) return;
    this.filledFor = key;
    this.form.reset({ comment: this.keptComment(), ...termsForm(d) });
    this.fieldProblems.set([]);
    this.pending.set(null);
    this.confirmationClosed.set(false);
    this.resubmitForm.reset({ ...d.justification });
    this.revokeForm.reset({ comment: '' });
  }
}
