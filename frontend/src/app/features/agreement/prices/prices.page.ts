import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { PriceDto, PriceZone, Profession, PROFESSION_CODES, PROFESSIONS } from '@hyrkoll/contracts';
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
import { closedByNewVersion, filterPrices, sameKey } from '../agreement-data';
import { priceColumns } from '../agreement-export';
import { checkPrice, moneyDecimals, PRICE_FIELDS, toPriceZone } from '../forms/agreement-forms';
import { VersionFormComponent } from '../forms/version-form.component';
import { levelName, professionName } from '../labels';
import { VersionStateComponent } from '../version-state.component';
import { PricesStore } from './prices.store';

const ZONES: readonly PriceZone[] = [1, 2, 3];

/** The price list: SEK per hour by profession, competence level and zone, in versions by validity. */
@Component({
  selector: 'hk-agreement-prices',
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
  providers: [PricesStore],
  styleUrl: '../agreement-page.scss',
  templateUrl: './prices.page.html',
})
export class PricesPage {
  protected readonly store = inject(PricesStore);
  private readonly auth = inject(AuthStore);

  protected readonly professions = PROFESSION_CODES;
  protected readonly zones = ZONES;
  protected readonly today = swedishDate(new Date());
  protected readonly professionName = professionName;
  protected readonly levelName = levelName;
  protected readonly moneyDecimals = moneyDecimals;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly columns = perLanguage(priceColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));

  /** Every version of every price; none until they have loaded. */
  private readonly prices = computed(() => (this.store.prices.hasValue() ? this.store.prices.value() : []));
  protected readonly professionFilter = signal<Profession | ''>('');
  protected readonly zoneFilter = signal<PriceZone | null>(null);
  protected readonly currentOnly = signal(false);
  protected readonly visible = computed(() =>
    filterPrices(this.prices(), {
      profession: this.professionFilter(),
      zone: this.zoneFilter(),
      validOn: this.currentOnly() ? this.today : null,
    }),
  );
  protected readonly illustrative = computed(() => this.prices().some((p) => p.illustrative));

  protected readonly form = inject(NonNullableFormBuilder).group({
    profession: ['LAKARE'],
    competenceLevel: ['SPECIALIST'],
    priceZone: ['1'],
    hourlyRate: [''],
    validFrom: [''],
    validTo: [''],
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly levels = computed(() => {
    const profession = this.value().profession as Profession;
    return PROFESSIONS[profession]?.levels ?? [];
  });
  /** The version the new price closes, as the API will do it. */
  protected readonly closes = computed(() => {
    const v = this.value();
    if (!isIsoDate(v.validFrom)) return null;
    const key = {
      profession: v.profession,
      competenceLevel: v.competenceLevel,
      priceZone: toPriceZone(v.priceZone),
    };
    return closedByNewVersion(sameKey(this.prices(), key), v.validFrom);
  });
  protected readonly submission = new FormSubmission({
    form: this.form,
    check: () => checkPrice(this.form.getRawValue()),
    fields: PRICE_FIELDS,
  });
  protected readonly saved = signal<PriceDto | null>(null);

  constructor() {
    this.form.controls.profession.valueChanges.pipe(takeUntilDestroyed()).subscribe((profession) => {
      const levels: readonly string[] = PROFESSIONS[profession as Profession]?.levels ?? [];
      if (!levels.includes(this.form.controls.competenceLevel.value)) {
        this.form.controls.competenceLevel.setValue(levels[0] ?? '');
      }
    });
  }

  protected onProfessionFilter(event: Event): void {
    this.professionFilter.set((event.target as HTMLSelectElement).value as Profession | '');
  }

  protected onZoneFilter(event: Event): void {
    this.zoneFilter.set(toPriceZone((event.target as HTMLSelectElement).value));
  }

  protected onCurrentOnly(event: Event): void {
    this.currentOnly.set((event.target as HTMLInputElement).checked);
  }

  protected async save(): Promise<void> {
    this.saved.set(null);
    const created = await this.submission.submit((body) => this.store.add(body));
    if (!created) return;
    this.form.patchValue({ hourlyRate: '', validFrom: '', validTo: '' });
    this.saved.set(created);
  }
}
