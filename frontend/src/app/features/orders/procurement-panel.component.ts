import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { type BidDto, type BidInput, FieldErrorCode, type OrderDto, PROFESSIONS } from '@hyrkoll/contracts';
import { ORDER_LIMITS, ORDER_TRANSITIONS, OrderAction } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { IsoDatePipe } from '../../shared/format/format.pipes';
import { firstInvalid } from '../../shared/forms/focus';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import {
  type ApiProblem,
  type DecimalLimits,
  decimalProblem,
  type FieldProblem,
  fieldProblem,
  readServerProblem,
} from '../../shared/forms/form-problem';
import { fieldProblemText, problemText } from '../../shared/forms/problem-text';
import { HOURS_LIMITS } from './order-form-checks';
import { OrderActionPath } from './orders.api';
import { OrdersStore, Result } from './orders.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

function allowed(order: OrderDto, action: OrderAction): boolean {
  return (ORDER_TRANSITIONS[action].from as readonly string[]).includes(order.status);
}

const BID_FIELDS = [
  'supplierId',
  'consultantName',
  'consultantIdentityNumber',
  'hoursOffered',
  'earlierHoursAtUnit',
  'hourlyRate',
  'licensedOn',
  'specialistCertifiedOn',
  'ivoExtractOn',
  'hospExtractOn',
  'cprTrainingOn',
  'references',
] as const;
type BidField = (typeof BID_FIELDS)[number];

/** The bid's amounts as the API takes them (`@IsDecimalAmount` of the bid's body). */
const AMOUNTS: Partial<Record<BidField, DecimalLimits>> = {
  hoursOffered: HOURS_LIMITS,
  earlierHoursAtUnit: { maxDigits: 6, min: '0', max: '100000.00' },
  hourlyRate: { maxDigits: 5, min: '0.01', max: ORDER_LIMITS.maxHourlyRate },
};
const MAX_REFERENCES = 20;

/**
 * What the browser sees wrong with a field of the bid, as the API would name it (its field codes,
 * worded by the shared `fieldProblemText`): missing, too long, an amount out of bounds, a count
 * of references that is not a whole number from 0 to 20.
 */
function clientProblem(field: BidField, control: AbstractControl): FieldProblem | null {
  const errors = control.errors ?? {};
  if (errors['required']) return fieldProblem(FieldErrorCode.REQUIRED);
  if (errors['maxlength'])
    return fieldProblem(FieldErrorCode.MAX_LENGTH, { max: errors['maxlength'].requiredLength });
  const amount = AMOUNTS[field];
  const text = String(control.value ?? '').trim();
  if (amount && text) return decimalProblem(text, amount);
  if (field === 'references') {
    const count = Number(control.value);
    if (!Number.isInteger(count)) return fieldProblem(FieldErrorCode.WHOLE_NUMBER);
    if (count < 0) return fieldProblem(FieldErrorCode.MIN, { min: 0 });
    if (count > MAX_REFERENCES) return fieldProblem(FieldErrorCode.MAX, { max: MAX_REFERENCES });
  }
  return null;
}

/**
 * The purchaser's side of an order: publish, register bids, award the best-ranked eligible bid,
 * record the supplier's confirmation before the deadline, mark unfilled, close. The unit manager
 * (and the purchaser) may cancel before the assignment starts. The actions go through the page's
 * store, which reads the order again after each. After an action the focus goes to the page's
 * status message, or to the first problem; the attestations of a bid start unticked.
 */
@Component({
  selector: 'hk-procurement-panel',
  imports: [ReactiveFormsModule, TranslocoDirective, IsoDatePipe, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './procurement-panel.component.html',
  styleUrl: './procurement-panel.component.scss',
})
export class ProcurementPanelComponent {
  private readonly store = inject(OrdersStore);
  private readonly auth = inject(AuthStore);
  private readonly fb = inject(FormBuilder);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  readonly order = input.required<OrderDto>();
  readonly bids = input.required<BidDto[]>();

  protected readonly procure = computed(() => this.auth.can('order:procure'));
  protected readonly canCancel = computed(
    () => (this.auth.can('order:write') || this.procure()) && allowed(this.order(), 'cancel'),
  );
  protected readonly may = (action: OrderAction) => this.procure() && allowed(this.order(), action);
  /** The order's lot of the agreement: only suppliers admitted to it may bid. */
  protected readonly lot = computed(() => PROFESSIONS[this.order().profession].lot);
  protected readonly suppliers = computed(() =>
    this.store.suppliers.hasValue()
      ? this.store.suppliers.value().filter((s) => s.lots.includes(this.lot()))
      : [],
  );
  protected readonly busy = this.store.busy;
  /** What the panel's alert says: fix the bid, give a reason, or the API's refusal worded here. */
  protected readonly error = signal<'bidForm' | 'cancelReason' | ApiProblem | null>(null);
  /**
   * The problem of each field of the bid: the browser's checks after a try, or the API's field
   * problems (worded by the shared `fieldProblemText`).
   */
  protected readonly bidProblems = signal<Partial<Record<BidField, FieldProblem>>>({});
  protected readonly showBidForm = signal(false);
  protected readonly showCancel = signal(false);
  /** Marking the order unfilled cannot be undone: it asks first, as cancelling does. */
  protected readonly showUnfilled = signal(false);
  private bidTried = false;

  /** The bid to award: the best-ranked eligible one, as the agreement requires. */
  protected readonly best = computed(() =>
    this.bids()
      .filter((b) => b.ranking.eligible && b.status === 'REGISTERED' && b.ranking.rank !== null)
      .sort((a, b) => (a.ranking.rank ?? 0) - (b.ranking.rank ?? 0))
      .at(0),
  );
  protected readonly awarded = computed(() => this.bids().find((b) => b.status === 'AWARDED'));

  protected readonly bidForm = this.fb.nonNullable.group({
    supplierId: ['', Validators.required],
    consultantName: ['', [Validators.required, Validators.maxLength(200)]],
    consultantIdentityNumber: ['', [Validators.required, Validators.maxLength(20)]],
    hoursOffered: ['', Validators.required],
    earlierHoursAtUnit: [''],
    hourlyRate: [''],
    licensedOn: ['', Validators.required],
    specialistCertifiedOn: [''],
    // attestations: the purchaser ticks them after checking the documents, never in advance
    recentNordicExperience: [false],
    ivoExtractOn: ['', Validators.required],
    hospExtractOn: ['', Validators.required],
    cprTrainingOn: ['', Validators.required],
    cvAttached: [false],
    references: [2, Validators.required],
  });
  protected readonly cancelReason = this.fb.nonNullable.control('', [
    Validators.required,
    Validators.maxLength(2000),
  ]);
  protected readonly cancelTried = signal(false);

  constructor() {
    this.bidForm.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (!this.bidTried) return;
      this.bidProblems.set(this.clientProblems());
      if (this.error() === 'bidForm' && Object.keys(this.bidProblems()).length === 0) this.error.set(null);
    });
  }

  /** The message under a field of the bid, or null: the browser's check or the API's, in the same words. */
  protected bidError(t: Translate, field: BidField): string | null {
    return fieldProblemText(this.bidProblems()[field], t);
  }

  protected errorText(t: Translate, e: 'bidForm' | 'cancelReason' | ApiProblem): string {
    if (e === 'bidForm') return t('orders.procure.fixBid');
    if (e === 'cancelReason') return t('orders.procure.reasonRequired');
    return problemText(e, t);
  }

  protected openBidForm(): void {
    this.showBidForm.set(true);
    this.bidForm.controls.hoursOffered.setValue(this.order().hours);
    this.store.suppliersWanted.set(true);
    this.focus('#bid-supplier');
  }

  protected closeBidForm(): void {
    this.showBidForm.set(false);
    this.bidTried = false;
    this.bidProblems.set({});
    if (this.error() === 'bidForm') this.error.set(null);
    this.focus('#open-bid-form');
  }

  protected openCancel(): void {
    this.showCancel.set(true);
    this.focus('#cancel-reason');
  }

  protected closeCancel(): void {
    this.showCancel.set(false);
    this.cancelTried.set(false);
    if (this.error() === 'cancelReason') this.error.set(null);
    this.focus('#open-cancel');
  }

  protected openUnfilled(): void {
    this.showUnfilled.set(true);
    this.focus('#confirm-unfilled');
  }

  protected closeUnfilled(): void {
    this.showUnfilled.set(false);
    this.focus('#open-unfilled');
  }

  protected async markUnfilled(): Promise<void> {
    if (await this.shown(this.store.act(this.order(), 'unfilled'), false)) this.showUnfilled.set(false);
  }

  protected async registerBid(): Promise<void> {
    this.bidTried = true;
    const problems = this.clientProblems();
    this.bidProblems.set(problems);
    if (Object.keys(problems).length > 0) {
      this.error.set('bidForm');
      this.focusProblem();
      return;
    }
    const v = this.bidForm.getRawValue();
    const decimal = (x: string) => x.trim().replace(',', '.');
    const bid: BidInput = {
      supplierId: v.supplierId,
      consultantName: v.consultantName.trim(),
      consultantIdentityNumber: v.consultantIdentityNumber.trim(),
      hoursOffered: decimal(v.hoursOffered),
      ...(v.earlierHoursAtUnit ? { earlierHoursAtUnit: decimal(v.earlierHoursAtUnit) } : {}),
      ...(v.hourlyRate ? { hourlyRate: decimal(v.hourlyRate) } : {}),
      licensedOn: v.licensedOn,
      ...(v.specialistCertifiedOn ? { specialistCertifiedOn: v.specialistCertifiedOn } : {}),
      recentNordicExperience: v.recentNordicExperience,
      ivoExtractOn: v.ivoExtractOn,
      hospExtractOn: v.hospExtractOn,
      cprTrainingOn: v.cprTrainingOn,
      cvAttached: v.cvAttached,
      references: Number(v.references),
    };
    if (await this.shown(this.store.registerBid(this.order(), bid), true)) {
      this.bidForm.reset();
      this.bidTried = false;
      this.showBidForm.set(false);
    }
  }

  protected async act(action: OrderActionPath, extra: Record<string, unknown> = {}): Promise<void> {
    await this.shown(this.store.act(this.order(), action, extra), false);
  }

  protected async cancel(): Promise<void> {
    this.cancelTried.set(true);
    if (!this.cancelReason.value.trim() || this.cancelReason.invalid) {
      this.error.set('cancelReason');
      this.focus('#cancel-reason');
      return;
    }
    if (
      await this.shown(
        this.store.act(this.order(), 'cancel', { reason: this.cancelReason.value.trim() }),
        false,
      )
    ) {
      this.showCancel.set(false);
      this.cancelTried.set(false);
    }
  }

  private clientProblems(): Partial<Record<BidField, FieldProblem>> {
    const problems: Partial<Record<BidField, FieldProblem>> = {};
    for (const field of BID_FIELDS) {
      const problem = clientProblem(field, this.bidForm.controls[field]);
      if (problem) problems[field] = problem;
    }
    return problems;
  }

  /**
   * Shows what went wrong with an action, if anything, and moves the focus: to the page's status
   * message when it went through, else to the first field the API named or to the alert.
   */
  private async shown(action: Promise<Result<unknown>>, bid: boolean): Promise<boolean> {
    this.error.set(null);
    const result = await action;
    if (result.ok) {
      afterNextRender(() => document.getElementById('order-status-message')?.focus(), {
        injector: this.injector,
      });
      return true;
    }
    const read = readServerProblem<BidField>(result.error, { fields: bid ? BID_FIELDS : [] });
    this.bidProblems.set(read.fields);
    // a refusal of the bid's values is shown at its fields; any other in the API's words
    this.error.set(Object.keys(read.fields).length > 0 ? 'bidForm' : read.problem);
    this.focusProblem();
    return false;
  }

  private focusProblem(): void {
    afterNextRender(
      () =>
        (
          firstInvalid(this.host.querySelector('form')) ??
          this.host.querySelector<HTMLElement>('#procure-alert')
        )?.focus(),
      { injector: this.injector },
    );
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
