import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ORDER_REASONS,
  OrderDto,
  OrderInput,
  Profession,
  PROFESSION_CODES,
  PROFESSIONS,
} from '@hyrkoll/contracts';
import { ORDER_LIMITS } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { debounceTime, filter, switchMap } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { firstInvalid } from '../../shared/forms/focus';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import type { ApiProblem, FieldProblem } from '../../shared/forms/form-problem';
import { fieldProblemText, problemText } from '../../shared/forms/problem-text';
import {
  checkJustification,
  checkOrderFields,
  MIN_JUSTIFICATION,
  OrderFieldProblems,
  OrderFormField,
  parseHours,
  readOrderProblem,
} from './order-form-checks';
import { breakdownDecimals, decimalsOf } from './order-problems';
import { Assessment } from './orders.api';
import { OrdersStore } from './orders.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What the form's alert says: fix the marked fields, no price, the draft is missing, or the API's refusal. */
type Alert =
  | { kind: 'fix' }
  | { kind: 'noPrice'; problem: FieldProblem }
  | { kind: 'draftMissing' }
  | { kind: 'general'; problem: ApiProblem };

/** A value of the draft that someone else saved, where it differs from the form's. */
interface ChangedValue {
  /** The field's label key. */
  label: string;
  /** The value, or the key of its text when `translated`. */
  value: string;
  translated: boolean;
}

/** The form's values of an order (as `fill` reads them) with the label of each. */
const COMPARED: { field: keyof OrderFormValues; label: string; key?: string }[] = [
  { field: 'unitId', label: 'orders.unit' },
  { field: 'profession', label: 'orders.profession', key: 'profession.' },
  { field: 'competenceLevel', label: 'orders.form.level', key: 'orders.form.levels.' },
  { field: 'specialty', label: 'orders.form.specialty' },
  { field: 'periodStart', label: 'orders.form.start' },
  { field: 'periodEnd', label: 'orders.form.end' },
  { field: 'hours', label: 'orders.hours' },
  { field: 'schedule', label: 'orders.form.schedule' },
  { field: 'reason', label: 'orders.form.reason', key: 'orders.reason.' },
  { field: 'requirements', label: 'orders.form.requirements' },
];

type OrderFormValues = ReturnType<typeof valuesOf>;

/** An order's values as the form holds them. */
function valuesOf(order: OrderDto) {
  return {
    unitId: order.unit.id,
    profession: order.profession as string,
    competenceLevel: order.competenceLevel as string,
    specialty: order.specialty ?? '',
    periodStart: order.periodStart.slice(0, 10),
    periodEnd: order.periodEnd.slice(0, 10),
    hours: order.hours,
    schedule: order.schedule ?? '',
    reason: order.reason as string,
    reasonText: order.reasonText ?? '',
    requirements: order.requirements ?? '',
  };
}

/** An order's id as the API makes them. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A short, stable hash of a text (FNV-1a, 32 bits), for idempotency keys. */
function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

/**
 * The order form: a new order, a draft to change and send (`?draft=<id>`), or a copy of an order
 * as a new draft (`?copy=<id>`: everything but the period, which the user sets). The cost is
 * shown as its parts before sending; every problem is shown at its field, and the focus moves to
 * the first one.
 */
@Component({
  selector: 'hk-order-form',
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, SekPipe, NumPipe, IsoDatePipe, FORM_FIELD],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-form.page.html',
  styleUrl: './order-form.page.scss',
})
export class OrderFormPage implements OnInit {
  private readonly store = inject(OrdersStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly auth = inject(AuthStore);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  /** From the query (`/orders/new?draft=<id>`): a draft to change and send. */
  readonly draft = input<string | undefined>();
  /** From the query (`/orders/new?copy=<id>`): an order whose values start a new draft. */
  readonly copy = input<string | undefined>();
  /** Identifies this filling-in of the form in idempotency keys. */
  private readonly formId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

  protected readonly professions = PROFESSION_CODES;
  protected readonly reasons = ORDER_REASONS;
  protected readonly maxHours = Number(ORDER_LIMITS.maxHours);
  protected readonly units = computed(
    () => this.auth.me()?.roles.flatMap((r) => (r.role === 'UNIT_MANAGER' && r.unit ? [r.unit] : [])) ?? [],
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    unitId: [''],
    profession: ['LAKARE' as Profession],
    competenceLevel: ['SPECIALIST'],
    specialty: [''],
    periodStart: [''],
    periodEnd: [''],
    hours: [''],
    schedule: [''],
    reason: ['VACANCY'],
    reasonText: [''],
    requirements: [''],
    patientSafetyNeed: [''],
    alternativesTried: [''],
  });
  protected readonly levels = signal<readonly string[]>(PROFESSIONS.LAKARE.levels);
  protected readonly assessment = signal<Assessment | null>(null);
  protected readonly busy = this.store.busy;
  /** The problem of each field: the browser's checks after a try, or what the API said. */
  protected readonly problems = signal<OrderFieldProblems>({});
  protected readonly alert = signal<Alert | null>(null);
  /** The API asked for a justification that the shown verdict did not: show its fields anyway. */
  private readonly justificationAsked = signal(false);
  protected readonly showJustification = computed(
    () => this.assessment()?.needsDispensation === true || this.justificationAsked(),
  );
  /**
   * The saved draft, once there is one: a failed submit leaves it, and sending again changes and
   * submits this draft instead of creating another.
   */
  protected readonly savedDraft = signal<OrderDto | null>(null);
  /** The order this new draft was copied from. */
  protected readonly copiedFrom = signal<OrderDto | null>(null);
  protected readonly minJustification = MIN_JUSTIFICATION;
  /**
   * The draft (or the order to copy) in the address does not exist, is not a valid id, or is not
   * the user's: no form then (saving it would create another order), only a way back.
   */
  protected readonly sourceMissing = signal<'draft' | 'copy' | null>(null);
  /** The form is shown once what it starts from is read (at once for a new order). */
  protected readonly showForm = computed(
    () => !this.sourceMissing() && (this.store.draftId() === undefined || this.store.draft.hasValue()),
  );
  /**
   * Someone else saved the draft after it was opened (a 409): the draft as it is now and what
   * differs. Saving over it needs an explicit choice: overwrite with the form, or reload it.
   */
  protected readonly conflict = signal<{ theirs: OrderDto; changed: ChangedValue[] } | null>(null);
  private tried = false;

  constructor() {
    // a draft (or the order to copy) given in the address fills the form once it is read
    effect(() => {
      if (this.store.draft.error())
        untracked(() => this.sourceMissing.set(this.draft() !== undefined ? 'draft' : 'copy'));
      else if (this.store.draft.hasValue()) {
        const order = this.store.draft.value();
        untracked(() => this.fill(order, this.copy() !== undefined && this.draft() === undefined));
      }
    });
  }

  ngOnInit(): void {
    const first = this.units()[0];
    if (first) this.form.controls.unitId.setValue(first.id);
    const source = this.draft() ?? this.copy();
    if (source !== undefined && !UUID.test(source)) {
      this.sourceMissing.set(this.draft() !== undefined ? 'draft' : 'copy');
    } else this.store.draftId.set(source);
    this.form.controls.profession.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((p) => {
      const levels = PROFESSIONS[p].levels;
      this.levels.set(levels);
      if (!(levels as readonly string[]).includes(this.form.controls.competenceLevel.value)) {
        this.form.controls.competenceLevel.setValue(levels[0] ?? '');
      }
    });
    // after a try, the marks follow the values as they are corrected
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      if (!this.tried) return;
      const problems = this.check();
      this.problems.set(problems);
      const alert = this.alert();
      if (alert?.kind === 'fix' && Object.keys(problems).length === 0) this.alert.set(null);
      if (alert?.kind === 'general' || alert?.kind === 'noPrice') this.alert.set(null);
    });
    // the estimate and the rule engine's verdict follow the form as it changes
    this.form.valueChanges
      .pipe(
        debounceTime(300),
        filter(() => Object.keys(checkOrderFields(this.form.getRawValue())).length === 0),
        switchMap(() => this.store.estimate(this.orderBody())),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((a) => this.assessment.set(a));
  }

  /** The message under a field, or null: the browser's check or the API's, in the same words. */
  protected fieldError(t: Translate, field: OrderFormField): string | null {
    return fieldProblemText(this.problems()[field], t);
  }

  protected alertText(t: Translate, alert: Alert): string {
    switch (alert.kind) {
      case 'fix':
        return t('orders.form.fixForm');
      case 'noPrice':
        return fieldProblemText(alert.problem, t) ?? '';
      case 'draftMissing':
        return t('orders.notFound');
      case 'general':
        return problemText(alert.problem, t);
    }
  }

  /** Decimals for all amounts of a cost breakdown, so that its parts add up. */
  protected readonly moneyDecimals = breakdownDecimals;

  /** Decimals to show an amount with: none for whole kronor. */
  protected decimals(value: string | null): 0 | 2 {
    return decimalsOf(value);
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.conflict()) return this.focusConflict();
    this.tried = true;
    this.alert.set(null);
    const problems = this.check();
    this.problems.set(problems);
    if (Object.keys(problems).length > 0) {
      this.alert.set({ kind: 'fix' });
      this.focusFirstProblem();
      return;
    }
    const { patientSafetyNeed, alternativesTried } = this.form.getRawValue();
    const body = this.orderBody();
    const result = await this.store.send(
      body,
      { patientSafetyNeed: patientSafetyNeed.trim(), alternativesTried: alternativesTried.trim() },
      this.savedDraft(),
      `order-form-${this.formId}-${textHash(JSON.stringify(body))}`,
      this.assessment(),
    );
    if (result.ok) {
      await this.router.navigate(['/orders', result.order.id]);
      return;
    }
    if ('missing' in result) {
      // the verdict on the values sent needs a justification: its fields appear with it
      this.assessment.set(result.assessment);
      this.justificationAsked.set(true);
      this.problems.set(this.check());
      this.alert.set({ kind: 'fix' });
    } else {
      // stay on the form with what was typed: the draft (when saved) is kept, and sending
      // again changes and submits it
      this.refused(result.error, result.draft);
    }
    if (this.conflict()) this.focusConflict();
    else this.focusFirstProblem();
  }

  /** Saves the order as a draft, without sending it, and opens its page. */
  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.conflict()) return this.focusConflict();
    this.tried = true;
    this.alert.set(null);
    const problems = checkOrderFields(this.form.getRawValue());
    this.problems.set(problems);
    if (Object.keys(problems).length > 0) {
      this.alert.set({ kind: 'fix' });
      this.focusFirstProblem();
      return;
    }
    const body = this.orderBody();
    const result = await this.store.saveDraft(
      body,
      this.savedDraft(),
      `order-form-${this.formId}-${textHash(JSON.stringify(body))}`,
    );
    if (result.ok) {
      await this.router.navigate(['/orders', result.order.id]);
      return;
    }
    if ('error' in result) this.refused(result.error, result.draft);
    if (this.conflict()) this.focusConflict();
    else this.focusFirstProblem();
  }

  /** The choice after a conflict: save the form's values over the other change. */
  protected async overwrite(): Promise<void> {
    const c = this.conflict();
    if (!c) return;
    this.savedDraft.set(c.theirs);
    this.conflict.set(null);
    await this.save();
  }

  /** The other choice after a conflict: the form shows the draft as it is now. */
  protected reloadDraft(): void {
    const c = this.conflict();
    if (!c) return;
    this.conflict.set(null);
    this.alert.set(null);
    this.problems.set({});
    this.fill(c.theirs, false);
    afterNextRender(() => this.host.querySelector<HTMLElement>('#of-unit')?.focus(), {
      injector: this.injector,
    });
  }

  private focusConflict(): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>('#of-conflict')?.focus(), {
      injector: this.injector,
    });
  }

  /** Shows the API's refusal: at the fields it named, else in the alert; the draft as it is now. */
  private refused(error: unknown, draft: OrderDto | null): void {
    const before = this.savedDraft();
    if (
      (error as { status?: unknown } | null)?.status === 409 &&
      before &&
      draft?.status === 'DRAFT' &&
      draft.version !== before.version
    ) {
      // someone else saved the draft meanwhile: show what it is now, and save over it only
      // on an explicit choice (the form keeps the draft's earlier version until then)
      const mine = this.form.getRawValue() as unknown as Record<string, string>;
      const theirs = valuesOf(draft);
      this.conflict.set({
        theirs: draft,
        changed: COMPARED.filter(({ field }) =>
          field === 'hours'
            ? Number(parseHours(mine[field]) ?? NaN) !== Number(theirs[field])
            : String(mine[field]).trim() !== theirs[field],
        ).map(({ field, label, key }) => ({
          label,
          value: key ? key + theirs[field] : theirs[field] || '–',
          translated: Boolean(key),
        })),
      });
      this.alert.set(null);
      this.problems.set({});
      return;
    }
    this.savedDraft.set(draft);
    const read = readOrderProblem(error);
    if (read.fields.patientSafetyNeed || read.fields.alternativesTried) this.justificationAsked.set(true);
    this.problems.set(read.fields);
    if (read.noPrice) this.alert.set({ kind: 'noPrice', problem: read.noPrice });
    else if (!read.ofFields) this.alert.set({ kind: 'general', problem: read.problem });
    else this.alert.set({ kind: 'fix' });
  }

  /** Every problem the browser can see: the order's fields, and the justification when it is asked for. */
  private check(): OrderFieldProblems {
    const v = this.form.getRawValue();
    return {
      ...checkOrderFields(v),
      ...(this.showJustification() && checkJustification(v)),
    };
  }

  /** After the view shows the marks: the first field marked invalid, else the alert. */
  private focusFirstProblem(): void {
    afterNextRender(
      () => (firstInvalid(this.host) ?? this.host.querySelector<HTMLElement>('#of-alert'))?.focus(),
      { injector: this.injector },
    );
  }

  /** Reads an order into the form: a draft to change, or an order to copy (its period left to set). */
  private fill(order: OrderDto, asCopy: boolean): void {
    if (!asCopy && order.status !== 'DRAFT') {
      void this.router.navigate(['/orders', order.id]);
      return;
    }
    if (asCopy) this.copiedFrom.set(order);
    else this.savedDraft.set(order);
    this.levels.set(PROFESSIONS[order.profession].levels);
    this.form.patchValue({
      unitId: order.unit.id,
      profession: order.profession,
      competenceLevel: order.competenceLevel,
      specialty: order.specialty ?? '',
      periodStart: asCopy ? '' : order.periodStart.slice(0, 10),
      periodEnd: asCopy ? '' : order.periodEnd.slice(0, 10),
      hours: order.hours,
      schedule: order.schedule ?? '',
      reason: order.reason,
      reasonText: order.reasonText ?? '',
      requirements: order.requirements ?? '',
    });
    // a copy starts at the period, the one thing it does not bring
    if (asCopy) {
      afterNextRender(() => this.host.querySelector<HTMLElement>('#of-start')?.focus(), {
        injector: this.injector,
      });
    }
  }

  private orderBody(): OrderInput {
    const v = this.form.getRawValue();
    return {
      unitId: v.unitId,
      profession: v.profession,
      competenceLevel: v.competenceLevel as OrderInput['competenceLevel'],
      periodStart: v.periodStart.trim(),
      periodEnd: v.periodEnd.trim(),
      hours: parseHours(v.hours) ?? v.hours,
      reason: v.reason as OrderInput['reason'],
      ...(v.specialty.trim() && { specialty: v.specialty.trim() }),
      ...(v.schedule.trim() && { schedule: v.schedule.trim() }),
      ...(v.reasonText.trim() && { reasonText: v.reasonText.trim() }),
      ...(v.requirements.trim() && { requirements: v.requirements.trim() }),
    };
  }
}
