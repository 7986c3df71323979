import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { BidDto, BidInput, OrderDto } from '@hyrkoll/contracts';
import { ORDER_TRANSITIONS, OrderAction } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { IsoDatePipe } from '../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf, FieldProblem } from '../../shared/forms/api-problem';
import { fieldProblemText, problemText } from '../../shared/forms/problem-text';
import { OrderActionPath } from './orders.api';
import { OrdersStore, Result } from './orders.store';

function allowed(order: OrderDto, action: OrderAction): boolean {
  return (ORDER_TRANSITIONS[action].from as readonly string[]).includes(order.status);
}

/**
 * The purchaser's side of an order: publish, register bids, award the best-ranked eligible bid,
 * record the supplier's confirmation before the deadline, mark unfilled, close. The unit manager
 * (and the purchaser) may cancel before the assignment starts. The actions go through the page's
 * store, which reads the order again after each.
 */
@Component({
  selector: 'hk-procurement-panel',
  imports: [ReactiveFormsModule, TranslocoDirective, IsoDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './procurement-panel.component.html',
})
export class ProcurementPanelComponent {
  private readonly store = inject(OrdersStore);
  private readonly auth = inject(AuthStore);
  private readonly fb = inject(FormBuilder);

  readonly order = input.required<OrderDto>();
  readonly bids = input.required<BidDto[]>();

  protected readonly procure = computed(() => this.auth.can('order:procure'));
  protected readonly canCancel = computed(
    () => (this.auth.can('order:write') || this.procure()) && allowed(this.order(), 'cancel'),
  );
  protected readonly may = (action: OrderAction) => this.procure() && allowed(this.order(), action);
  protected readonly suppliers = computed(() =>
    this.store.suppliers.hasValue() ? this.store.suppliers.value() : [],
  );
  protected readonly busy = this.store.busy;
  protected readonly error = signal<string | null>(null);
  /** What the API said against the last action, worded from its code; its field problems by field. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly bidErrors = signal<Readonly<Record<string, FieldProblem>>>({});
  protected readonly problemText = problemText;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly showBidForm = signal(false);
  protected readonly showCancel = signal(false);

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
    hoursOffered: ['', [Validators.required, Validators.pattern(/^\d{1,6}([.,]\d{1,2})?$/)]],
    earlierHoursAtUnit: ['', Validators.pattern(/^\d{1,6}([.,]\d{1,2})?$/)],
    hourlyRate: ['', Validators.pattern(/^\d{1,6}([.,]\d{1,2})?$/)],
    licensedOn: ['', Validators.required],
    specialistCertifiedOn: [''],
    recentNordicExperience: [true],
    ivoExtractOn: ['', Validators.required],
    hospExtractOn: ['', Validators.required],
    cprTrainingOn: ['', Validators.required],
    cvAttached: [true],
    references: [2, [Validators.required, Validators.min(0), Validators.max(20)]],
  });
  protected readonly cancelReason = this.fb.nonNullable.control('', [
    Validators.required,
    Validators.maxLength(2000),
  ]);

  protected openBidForm(): void {
    this.showBidForm.set(true);
    this.bidForm.controls.hoursOffered.setValue(this.order().hours);
    this.store.suppliersWanted.set(true);
  }

  protected async registerBid(): Promise<void> {
    this.bidForm.markAllAsTouched();
    if (this.bidForm.invalid) {
      this.error.set('bidForm');
      return;
    }
    const v = this.bidForm.getRawValue();
    const decimal = (x: string) => x.replace(',', '.');
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
    if (await this.shown(this.store.registerBid(this.order(), bid))) {
      this.bidForm.reset();
      this.showBidForm.set(false);
    }
  }

  protected async act(action: OrderActionPath, extra: Record<string, unknown> = {}): Promise<void> {
    await this.shown(this.store.act(this.order(), action, extra));
  }

  protected async cancel(): Promise<void> {
    this.cancelReason.markAsTouched();
    if (this.cancelReason.invalid) {
      this.error.set('cancelReason');
      return;
    }
    await this.act('cancel', { reason: this.cancelReason.value.trim() });
  }

  /** Shows what went wrong with an action, if anything; true when it went through. */
  private async shown(action: Promise<Result<unknown>>): Promise<boolean> {
    this.error.set(null);
    this.problem.set(null);
    this.bidErrors.set({});
    const result = await action;
    if (!result.ok) {
      const problem = apiProblemOf(result.error);
      this.bidErrors.set(problem.fields);
      this.problem.set(problem);
    }
    return result.ok;
  }
}
