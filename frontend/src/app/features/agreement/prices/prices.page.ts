import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { PriceDto, PriceZone, Profession, PROFESSION_CODES, PROFESSIONS } from '@hyrkoll/contracts';
import { isIsoDate, swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom, map } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../../shared/export/export-buttons.component';
import { IsoDatePipe, SekPipe } from '../../../shared/format/format.pipes';
import { closedByNewVersion, filterPrices, isValidOn, sameKey, sortPrices } from '../agreement-data';
import { AgreementApi } from '../agreement.api';
import { perLanguage, priceColumns } from '../agreement-export';
import { checkPrice, moneyDecimals, PRICE_FIELDS, PriceField, toPriceZone } from '../forms/agreement-forms';
import { firstInvalid, focusAfterRender } from '../forms/focus';
import { FieldErrorComponent, FormAlert, FormAlertComponent } from '../forms/problem-messages.component';
import { alertFor, FieldProblems, readApiError } from '../forms/problems';
import { levelName, professionName } from '../labels';

const ZONES: readonly PriceZone[] = [1, 2, 3];

/** The price list: SEK per hour by profession, competence level and zone, in versions by validity. */
@Component({
  selector: 'hk-agreement-prices',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    SekPipe,
    IsoDatePipe,
    ExportButtonsComponent,
    FieldErrorComponent,
    FormAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  templateUrl: './prices.page.html',
})
export class PricesPage implements OnInit {
  private readonly api = inject(AgreementApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly formRef = viewChild<ElementRef<HTMLFormElement>>('priceFormEl');

  protected readonly professions = PROFESSION_CODES;
  protected readonly zones = ZONES;
  protected readonly today = swedishDate(new Date());
  protected readonly professionName = professionName;
  protected readonly levelName = levelName;
  protected readonly moneyDecimals = moneyDecimals;
  protected readonly isValidOn = isValidOn;
  protected readonly columns = perLanguage(priceColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));

  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly prices = signal<PriceDto[]>([]);
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
  protected readonly problems = signal<FieldProblems<PriceField>>({});
  protected readonly alert = signal<FormAlert | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal<PriceDto | null>(null);
  private tried = false;

  constructor() {
    this.form.controls.profession.valueChanges.pipe(takeUntilDestroyed()).subscribe((profession) => {
      const levels: readonly string[] = PROFESSIONS[profession as Profession]?.levels ?? [];
      if (!levels.includes(this.form.controls.competenceLevel.value)) {
        this.form.controls.competenceLevel.setValue(levels[0] ?? '');
      }
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.tried) {
        const checked = checkPrice(this.form.getRawValue());
        this.problems.set(checked.ok ? {} : checked.problems);
      }
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.prices.set(sortPrices(await firstValueFrom(this.api.prices())));
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
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
    this.tried = true;
    this.alert.set(null);
    this.saved.set(null);
    const checked = checkPrice(this.form.getRawValue());
    if (!checked.ok) {
      this.problems.set(checked.problems);
      this.alert.set('form');
      focusAfterRender(this.injector, () => firstInvalid(this.formRef()?.nativeElement));
      return;
    }
    this.problems.set({});
    this.busy.set(true);
    try {
      const created = await firstValueFrom(this.api.createPrice(checked.body));
      this.tried = false;
      this.form.patchValue({ hourlyRate: '', validFrom: '', validTo: '' });
      this.saved.set(created);
      // the API may have closed the version before it: show the list as it is now
      await this.load();
    } catch (error) {
      const problem = readApiError(error, PRICE_FIELDS, 'overlap');
      this.problems.set(problem.fields);
      this.alert.set(alertFor(problem));
      focusAfterRender(this.injector, () => firstInvalid(this.formRef()?.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }
}
