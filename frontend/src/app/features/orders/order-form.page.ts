import { HttpClient } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ApiPath,
  apiUrl,
  CostEstimate,
  ORDER_REASONS,
  OrderDto,
  OrderInput,
  Profession,
  PROFESSION_CODES,
  PROFESSIONS,
  TriggeredRule,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, debounceTime, filter, firstValueFrom, of, switchMap } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { SekPipe } from '../../shared/format/format.pipes';
import { ServerProblem, serverProblem } from '../dispensations/server-problem';
import { ServerProblemComponent } from '../dispensations/server-problem.component';
import { justificationProblem, MIN_JUSTIFICATION, ORDER_FIELD_LABELS } from './order-form-checks';
import { OrdersApi } from './orders.api';

interface Assessment {
  estimate: CostEstimate;
  rules: TriggeredRule[];
  needsDispensation: boolean;
  stepsRequired: number;
}

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
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, SekPipe, ServerProblemComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-form.page.html',
})
export class OrderFormPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly auth = inject(AuthStore);
  private readonly orders = inject(OrdersApi);
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
  protected readonly busy = signal(false);
  /** A problem found before sending: the form as a whole, or a justification field by name. */
  protected readonly error = signal<'form' | 'need' | 'tried' | 'draftMissing' | null>(null);
  /** What the API said when the draft could not be saved or sent. */
  protected readonly problem = signal<ServerProblem | null>(null);
  /**
   * The saved draft, once there is one: a failed submit leaves it, and sending again changes and
   * submits this draft instead of creating another.
   */
  protected readonly savedDraft = signal<OrderDto | null>(null);
  protected readonly minJustification = MIN_JUSTIFICATION;

  ngOnInit(): void {
    const first = this.units()[0];
    if (first) this.form.controls.unitId.setValue(first.id);
    const draftId = this.draft();
    if (draftId) void this.loadDraft(draftId);
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
        switchMap(() =>
          this.http
            .post<Assessment>(apiUrl(ApiPath.orderEstimate), this.orderBody())
            .pipe(catchError(() => of(null))),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((a) => this.assessment.set(a));
  }

  protected async submit(): Promise<void> {
    this.error.set(null);
    this.problem.set(null);
    if (!this.orderFieldsValid()) {
      this.form.markAllAsTouched();
      this.error.set('form');
      return;
    }
    this.busy.set(true);
    try {
      // the verdict decides whether a justification is needed: ask for it on the values sent (the
      // one shown may be a moment behind the form)
      const assessment = (await this.assess()) ?? this.assessment();
      const { patientSafetyNeed, alternativesTried } = this.form.getRawValue();
      const justification = assessment?.needsDispensation
        ? { patientSafetyNeed: patientSafetyNeed.trim(), alternativesTried: alternativesTried.trim() }
        : undefined;
      if (justification) {
        const missing = justificationProblem(justification);
        if (missing) {
          this.form.controls[missing === 'need' ? 'patientSafetyNeed' : 'alternativesTried'].markAsTouched();
          this.error.set(missing);
          // the fields appear with the verdict: focus once they are there
          afterNextRender(
            () => document.getElementById(missing === 'need' ? 'of-need' : 'of-tried')?.focus(),
            {
              injector: this.injector,
            },
          );
          return;
        }
      }
      const draft = await this.saveDraft();
      this.savedDraft.set(draft);
      const submitted = await firstValueFrom(
        this.http.post<OrderDto>(`${apiUrl(ApiPath.orders)}/${draft.id}/submit`, {
          version: draft.version,
          justification,
        }),
      );
      await this.router.navigate(['/orders', submitted.id]);
    } catch (e) {
      // stay on the form: the draft (when saved) is kept, and sending again submits it
      this.problem.set(serverProblem(e, ORDER_FIELD_LABELS));
      await this.refreshDraft();
    } finally {
      this.busy.set(false);
    }
  }

  /** Reads a draft into the form: a draft is changed and sent from here. */
  private async loadDraft(id: string): Promise<void> {
    try {
      const order = await firstValueFrom(this.orders.get(id));
      if (order.status !== 'DRAFT') {
        await this.router.navigate(['/orders', order.id]);
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
    } catch {
      this.error.set('draftMissing');
    }
  }

  /** After a failure the draft's version (or state) may have moved on: read it again. */
  private async refreshDraft(): Promise<void> {
    const draft = this.savedDraft();
    if (!draft) return;
    try {
      this.savedDraft.set(await firstValueFrom(this.orders.get(draft.id)));
    } catch {
      // keep what we had; the problem says what went wrong
    }
  }

  private assess(): Promise<Assessment | null> {
    return firstValueFrom(
      this.http
        .post<Assessment>(apiUrl(ApiPath.orderEstimate), this.orderBody())
        .pipe(catchError(() => of(null))),
    ).then((a) => {
      if (a) this.assessment.set(a);
      return a;
    });
  }

  /**
   * Saves the form as a draft: changes the draft there already is, or creates one. A creation is
   * made once per content: a network retry gets the same draft back (the API replays the answer
   * for the same Idempotency-Key).
   */
  private saveDraft(): Promise<OrderDto> {
    const body = this.orderBody();
    const draft = this.savedDraft();
    if (draft) {
      return firstValueFrom(
        this.http.patch<OrderDto>(`${apiUrl(ApiPath.orders)}/${encodeURIComponent(draft.id)}`, {
          ...body,
          ...(draft.offAgreement && { offAgreement: true }),
          ...(draft.requestedHourlyRate && { requestedHourlyRate: draft.requestedHourlyRate }),
          ...(draft.extrasSek && { extrasSek: draft.extrasSek }),
          version: draft.version,
        }),
      );
    }
    const key = `order-form-${this.formId}-${textHash(JSON.stringify(body))}`;
    return firstValueFrom(
      this.http.post<OrderDto>(apiUrl(ApiPath.orders), body, { headers: { 'Idempotency-Key': key } }),
    );
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
