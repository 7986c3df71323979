import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  Injector,
  input,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ORDER_REASONS,
  OrderDto,
  OrderInput,
  Profession,
  PROFESSION_CODES,
  PROFESSIONS,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { debounceTime, filter, switchMap } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { SekPipe } from '../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { MIN_JUSTIFICATION, ORDER_FIELD_LABELS } from './order-form-checks';
import { Assessment } from './orders.api';
import { OrdersStore } from './orders.store';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,6}([.,]\d{1,2})?$/;

/** A short, stable hash of a text (FNV-1a, 32 bits), for idempotency keys. */
function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

@Component({
  selector: 'hk-order-form',
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, SekPipe, FormAlertComponent],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-form.page.html',
})
export class OrderFormPage implements OnInit {
  private readonly store = inject(OrdersStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly auth = inject(AuthStore);
  /** From the query (`/orders/new?draft=<id>`): a draft to change and send. */
  readonly draft = input<string | undefined>();
  /** Identifies this filling-in of the form in idempotency keys. */
  private readonly formId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

  protected readonly professions = PROFESSION_CODES;
  protected readonly reasons = ORDER_REASONS;
  protected readonly units = computed(
    () => this.auth.me()?.roles.flatMap((r) => (r.role === 'UNIT_MANAGER' && r.unit ? [r.unit] : [])) ?? [],
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    unitId: ['', Validators.required],
    profession: ['LAKARE' as Profession, Validators.required],
    competenceLevel: ['SPECIALIST', Validators.required],
    specialty: [''],
    periodStart: ['', [Validators.required, Validators.pattern(DATE)]],
    periodEnd: ['', [Validators.required, Validators.pattern(DATE)]],
    hours: ['', [Validators.required, Validators.pattern(AMOUNT)]],
    schedule: [''],
    reason: ['VACANCY', Validators.required],
    reasonText: [''],
    requirements: [''],
    patientSafetyNeed: [''],
    alternativesTried: [''],
  });
  protected readonly levels = signal<readonly string[]>(PROFESSIONS.LAKARE.levels);
  protected readonly assessment = signal<Assessment | null>(null);
  protected readonly busy = this.store.busy;
  /** A problem found before sending: the form as a whole, or a justification field by name. */
  protected readonly error = signal<'form' | 'need' | 'tried' | 'draftMissing' | null>(null);
  /** What the API said when the draft could not be saved or sent. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly fieldLabels = ORDER_FIELD_LABELS;
  /**
   * The saved draft, once there is one: a failed submit leaves it, and sending again changes and
   * submits this draft instead of creating another.
   */
  protected readonly savedDraft = signal<OrderDto | null>(null);
  protected readonly minJustification = MIN_JUSTIFICATION;

  constructor() {
    // a draft given in the address fills the form once it is read
    effect(() => {
      if (this.store.draft.error()) this.error.set('draftMissing');
      else if (this.store.draft.hasValue()) {
        const draft = this.store.draft.value();
        untracked(() => this.fill(draft));
      }
    });
  }

  ngOnInit(): void {
    const first = this.units()[0];
    if (first) this.form.controls.unitId.setValue(first.id);
    this.store.draftId.set(this.draft());
    this.form.controls.profession.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((p) => {
      const levels = PROFESSIONS[p].levels;
      this.levels.set(levels);
      if (!(levels as readonly string[]).includes(this.form.controls.competenceLevel.value)) {
        this.form.controls.competenceLevel.setValue(levels[0] ?? '');
      }
    });
    // the estimate and the rule engine's verdict follow the form as it changes
    this.form.valueChanges
      .pipe(
        debounceTime(300),
        filter(() => this.orderFieldsValid()),
        switchMap(() => this.store.estimate(this.orderBody())),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((a) => this.assessment.set(a));
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.error.set(null);
    this.problem.set(null);
    if (!this.orderFieldsValid()) {
      this.form.markAllAsTouched();
      this.error.set('form');
      return;
    }
    const { patientSafetyNeed, alternativesTried } = this.form.getRawValue();
    const result = await this.store.send(
      this.orderBody(),
      { patientSafetyNeed: patientSafetyNeed.trim(), alternativesTried: alternativesTried.trim() },
      this.savedDraft(),
      `order-form-${this.formId}-${textHash(JSON.stringify(this.orderBody()))}`,
      this.assessment(),
    );
    if (result.ok) {
      await this.router.navigate(['/orders', result.order.id]);
    } else if ('missing' in result) {
      const missing = result.missing;
      this.assessment.set(result.assessment);
      this.form.controls[missing === 'need' ? 'patientSafetyNeed' : 'alternativesTried'].markAsTouched();
      this.error.set(missing);
      // the fields appear with the verdict: focus once they are there
      afterNextRender(() => document.getElementById(missing === 'need' ? 'of-need' : 'of-tried')?.focus(), {
        injector: this.injector,
      });
    } else {
      // stay on the form: the draft (when saved) is kept, and sending again submits it
      this.problem.set(apiProblemOf(result.error));
      this.savedDraft.set(result.draft);
    }
  }

  /** Reads a draft into the form: a draft is changed and sent from here. */
  private fill(order: OrderDto): void {
    if (order.status !== 'DRAFT') {
      void this.router.navigate(['/orders', order.id]);
      return;
    }
    this.savedDraft.set(order);
    this.levels.set(PROFESSIONS[order.profession].levels);
    this.form.patchValue({
      unitId: order.unit.id,
      profession: order.profession,
      competenceLevel: order.competenceLevel,
      specialty: order.specialty ?? '',
      periodStart: order.periodStart.slice(0, 10),
      periodEnd: order.periodEnd.slice(0, 10),
      hours: order.hours,
      schedule: order.schedule ?? '',
      reason: order.reason,
      reasonText: order.reasonText ?? '',
      requirements: order.requirements ?? '',
    });
  }

  private orderFieldsValid(): boolean {
    const c = this.form.controls;
    return [c.unitId, c.profession, c.competenceLevel, c.periodStart, c.periodEnd, c.hours, c.reason].every(
      (x) => x.valid,
    );
  }

  private orderBody(): OrderInput {
    const v = this.form.getRawValue();
    return {
      unitId: v.unitId,
      profession: v.profession,
      competenceLevel: v.competenceLevel as OrderInput['competenceLevel'],
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      hours: v.hours.replace(',', '.'),
      reason: v.reason as OrderInput['reason'],
      ...(v.specialty.trim() && { specialty: v.specialty.trim() }),
      ...(v.schedule.trim() && { schedule: v.schedule.trim() }),
      ...(v.reasonText.trim() && { reasonText: v.reasonText.trim() }),
      ...(v.requirements.trim() && { requirements: v.requirements.trim() }),
    };
  }
}
