import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { DispensationPolicy, PROFESSION_GROUPS, ProfessionGroup } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { IsoDatePipe } from '../../shared/format/format.pipes';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import { FormSubmission } from '../../shared/forms/form-submission';
import { checkedValue } from '../../shared/forms/valid-value';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import type { Translate } from '../../shared/translate';
import { fieldError } from './form-errors';
import { PolicyStore } from './policy.store';
import {
  FORM_FIELD_OF,
  formFieldOf,
  formToPolicy,
  hiringStopChecks,
  lineList,
  optionalAmount,
  POLICY_LIMITS,
  PolicyFormValue,
  policyToForm,
  toggled,
  wholeNumber,
} from './policy-form';

const L = POLICY_LIMITS;

/** The region's dispensation policy: which rules apply, their parameters, the second step. */
@Component({
  selector: 'hk-admin-policy',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    IsoDatePipe,
    FormAlertComponent,
    LoadStateComponent,
    FORM_FIELD,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PolicyStore],
  styleUrl: './admin-page.scss',
  templateUrl: './policy.page.html',
})
export class PolicyPage {
  protected readonly store = inject(PolicyStore);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly groups = PROFESSION_GROUPS;
  protected readonly limits = L;
  /** The policy in force: version 0 while the region uses the default policy. */
  protected readonly current = computed(() =>
    this.store.policy.hasValue() ? this.store.policy.value() : null,
  );
  protected readonly version = computed(() => this.current()?.version ?? 0);
  /** The version just saved, announced politely until the form changes. */
  protected readonly done = signal<number | null>(null);

  protected readonly form = this.fb.group(
    {
      hiringStopEnabled: [false],
      hiringStopAll: [false],
      professionGroups: new FormControl<ProfessionGroup[]>([], { nonNullable: true }),
      specialties: ['', lineList(L.specialties, L.specialtyLength)],
      areaIds: new FormControl<string[]>([], { nonNullable: true }),
      hiringStopReason: ['', Validators.maxLength(L.reasonLength)],
      maxDurationEnabled: [true],
      maxMonths: ['12', wholeNumber(L.maxMonths.min, L.maxMonths.max)],
      offAgreementEnabled: [true],
      priceAboveTariffEnabled: [true],
      karensEnabled: [true],
      karensMonths: ['12', wholeNumber(L.karensMonths.min, L.karensMonths.max)],
      karensMode: ['BLOCK' as 'BLOCK' | 'WARN'],
      costThresholdSek: ['', optionalAmount],
      durationThresholdDays: [
        '',
        wholeNumber(L.durationThresholdDays.min, L.durationThresholdDays.max, true),
      ],
      reminderAfterWorkingDays: [
        '2',
        wholeNumber(L.reminderAfterWorkingDays.min, L.reminderAfterWorkingDays.max),
      ],
    },
    { validators: hiringStopChecks },
  );
  protected readonly submission = new FormSubmission({
    form: this.form,
    check: () => checkedValue(this.form),
    fields: Object.values(FORM_FIELD_OF),
    fieldOf: formFieldOf,
  });

  constructor() {
    // the form shows the policy in force, each time it has loaded
    effect(() => {
      const policy = this.current()?.policy;
      if (policy) untracked(() => this.show(policy));
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.done.set(null));
  }

  /** Reads the policy anew, after someone else changed it. */
  protected reload(): void {
    this.submission.clear();
    this.store.policy.reload();
  }

  /** Puts the form back to the policy in force. */
  protected reset(): void {
    const policy = this.current()?.policy;
    if (policy) this.show(policy);
    this.submission.clear();
  }

  protected async save(): Promise<void> {
    this.done.set(null);
    const result = await this.submission.submit((value) =>
      this.store.save(this.version(), formToPolicy(value as PolicyFormValue)),
    );
    if (!result) return;
    this.show(result.policy);
    this.done.set(result.version);
  }

  protected toggleGroup(group: ProfessionGroup, event: Event): void {
    const control = this.form.controls.professionGroups;
    control.setValue(toggled(control.value, group, (event.target as HTMLInputElement).checked));
    control.markAsDirty();
  }

  protected toggleArea(areaId: string, event: Event): void {
    const control = this.form.controls.areaIds;
    control.setValue(toggled(control.value, areaId, (event.target as HTMLInputElement).checked));
    control.markAsDirty();
  }

  /** What is wrong with a field: the API's verdict, else the field's own checks once touched. */
  protected error(field: keyof PolicyFormValue, t: Translate): string | null {
    return fieldError(this.form.get(field), this.submission.problems()[field], t);
  }

  /** The checks across the hiring stop's fields, once the user tried to save. */
  protected stopError(key: 'hiringStopScope' | 'hiringStopReason'): boolean {
    return this.submission.invalid() && Boolean(this.form.errors?.[key]);
  }

  /** Puts a policy into the form, as a change the user has not made (no `valueChanges`). */
  private show(policy: DispensationPolicy): void {
    this.form.reset(policyToForm(policy), { emitEvent: false });
  }
}
