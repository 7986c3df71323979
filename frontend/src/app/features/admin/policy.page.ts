import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  AreaDto,
  AuditEventDto,
  DispensationPolicy,
  PROFESSION_GROUPS,
  ProfessionGroup,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { IsoDatePipe } from '../../shared/format/format.pipes';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import { FormSubmission } from '../../shared/forms/form-submission';
import { checkedValue } from '../../shared/forms/valid-value';
import type { Translate } from '../../shared/translate';
import { AdminApi } from './admin.api';
import { fieldError } from './form-errors';
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
  imports: [ReactiveFormsModule, TranslocoDirective, IsoDatePipe, FormAlertComponent, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  templateUrl: './policy.page.html',
})
export class PolicyPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly groups = PROFESSION_GROUPS;
  protected readonly limits = L;
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly version = signal(0);
  protected readonly saved = signal<DispensationPolicy | null>(null);
  protected readonly areas = signal<AreaDto[]>([]);
  protected readonly lastChange = signal<AuditEventDto | null>(null);
  protected readonly done = signal(false);

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
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.done()) this.done.set(false);
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    this.submission.clear();
    try {
      const [current, areas] = await Promise.all([
        firstValueFrom(this.api.policy()),
        firstValueFrom(this.api.areas()),
      ]);
      this.areas.set(areas);
      this.show(current.version, current.policy);
      await this.loadLastChange();
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  /** Puts the form back to the policy in force. */
  protected reset(): void {
    const policy = this.saved();
    if (policy) this.show(this.version(), policy);
    this.submission.clear();
  }

  protected async save(): Promise<void> {
    this.done.set(false);
    const result = await this.submission.submit((value) =>
      this.api.savePolicy(this.version(), formToPolicy(value as PolicyFormValue)),
    );
    if (!result) return;
    this.show(result.version, result.policy);
    await this.loadLastChange();
    this.done.set(true);
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

  private show(version: number, policy: DispensationPolicy): void {
    this.version.set(version);
    this.saved.set(policy);
    this.form.reset(policyToForm(policy));
  }

  private async loadLastChange(): Promise<void> {
    try {
      const [last] = await firstValueFrom(this.api.policyChanges(1));
      this.lastChange.set(last ?? null);
    } catch {
      this.lastChange.set(null); // the policy itself is shown; who changed it last is extra
    }
  }
}
