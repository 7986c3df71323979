import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
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
  ErrorBody,
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
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, SekPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-form.page.html',
})
export class OrderFormPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthStore);
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
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    const first = this.units()[0];
    if (first) this.form.controls.unitId.setValue(first.id);
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
    if (!this.orderFieldsValid()) {
      this.form.markAllAsTouched();
      this.error.set('form');
      return;
    }
    this.busy.set(true);
    try {
      const draft = await this.createDraft();
      const { patientSafetyNeed, alternativesTried } = this.form.getRawValue();
      const justification = this.assessment()?.needsDispensation
        ? { patientSafetyNeed, alternativesTried }
        : undefined;
      const submitted = await firstValueFrom(
        this.http.post<OrderDto>(`${apiUrl(ApiPath.orders)}/${draft.id}/submit`, {
          version: draft.version,
          justification,
        }),
      ).catch(() => draft);
      await this.router.navigate(['/orders', submitted.id]);
    } catch (e) {
      const body = e instanceof HttpErrorResponse ? (e.error as ErrorBody) : null;
      this.error.set(body?.message ?? 'failed');
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * Creates the draft once per content: a second press after a failed submit, or a network retry,
   * gets the same draft back (the API replays the answer for the same Idempotency-Key).
   */
  private createDraft(): Promise<OrderDto> {
    const body = this.orderBody();
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
