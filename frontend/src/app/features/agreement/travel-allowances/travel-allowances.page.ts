import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TravelAllowanceDto } from '@hyrkoll/contracts';
import { isIsoDate, swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { map } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth.store';
import { IsoDatePipe, SekPipe } from '../../../shared/format/format.pipes';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { FormSubmission } from '../../../shared/forms/form-submission';
import { fieldProblemText } from '../../../shared/forms/problem-text';
import { LoadStateComponent } from '../../../shared/store/load-state.component';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage } from '../../../shared/translate';
import { closedByNewVersion } from '../agreement-data';
import { travelAllowanceColumns } from '../agreement-export';
import { checkTravelAllowance, moneyDecimals, TRAVEL_ALLOWANCE_FIELDS } from '../forms/agreement-forms';
import { VersionFormComponent } from '../forms/version-form.component';
import { VersionStateComponent } from '../version-state.component';
import { TravelAllowancesStore } from './travel-allowances.store';

/** The region's flat travel allowance (reseschablon) per started calendar week, in versions. */
@Component({
  selector: 'hk-agreement-travel-allowances',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    SekPipe,
    IsoDatePipe,
    TABLE,
    LoadStateComponent,
    VersionStateComponent,
    VersionFormComponent,
    FORM_FIELD,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TravelAllowancesStore],
  styleUrl: '../agreement-page.scss',
  templateUrl: './travel-allowances.page.html',
})
export class TravelAllowancesPage {
  protected readonly store = inject(TravelAllowancesStore);
  private readonly auth = inject(AuthStore);

  protected readonly today = swedishDate(new Date());
  protected readonly moneyDecimals = moneyDecimals;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly columns = perLanguage(travelAllowanceColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    amountPerWeek: [''],
    validFrom: [''],
    validTo: [''],
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly closes = computed(() => {
    const from = this.value().validFrom;
    const allowances = this.store.allowances.hasValue() ? this.store.allowances.value() : [];
    return isIsoDate(from) ? closedByNewVersion(allowances, from) : null;
  });
  protected readonly submission = new FormSubmission({
    form: this.form,
    check: () => checkTravelAllowance(this.form.getRawValue()),
    fields: TRAVEL_ALLOWANCE_FIELDS,
  });
  protected readonly saved = signal<TravelAllowanceDto | null>(null);

  protected async save(): Promise<void> {
    this.saved.set(null);
    const created = await this.submission.submit((body) => this.store.add(body));
    if (!created) return;
    this.form.reset();
    this.saved.set(created);
  }
}
