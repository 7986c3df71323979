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
import { TravelAllowanceDto } from '@hyrkoll/contracts';
import { isIsoDate, swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom, map } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../../shared/export/export-buttons.component';
import { IsoDatePipe, SekPipe } from '../../../shared/format/format.pipes';
import { byValidFromDescending, closedByNewVersion, isValidOn } from '../agreement-data';
import { AgreementApi } from '../agreement.api';
import { perLanguage, travelAllowanceColumns } from '../agreement-export';
import {
  checkTravelAllowance,
  moneyDecimals,
  TRAVEL_ALLOWANCE_FIELDS,
  TravelAllowanceField,
} from '../forms/agreement-forms';
import { firstInvalid, focusAfterRender } from '../forms/focus';
import { FieldErrorComponent, FormAlert, FormAlertComponent } from '../forms/problem-messages.component';
import { alertFor, FieldProblems, readApiError } from '../forms/problems';

/** The region's flat travel allowance (reseschablon) per started calendar week, in versions. */
@Component({
  selector: 'hk-agreement-travel-allowances',
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
  templateUrl: './travel-allowances.page.html',
})
export class TravelAllowancesPage implements OnInit {
  private readonly api = inject(AgreementApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly formRef = viewChild<ElementRef<HTMLFormElement>>('allowanceFormEl');

  protected readonly today = swedishDate(new Date());
  protected readonly moneyDecimals = moneyDecimals;
  protected readonly isValidOn = isValidOn;
  protected readonly columns = perLanguage(travelAllowanceColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));

  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly allowances = signal<TravelAllowanceDto[]>([]);

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
    return isIsoDate(from) ? closedByNewVersion(this.allowances(), from) : null;
  });
  protected readonly problems = signal<FieldProblems<TravelAllowanceField>>({});
  protected readonly alert = signal<FormAlert | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal<TravelAllowanceDto | null>(null);
  private tried = false;

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.tried) {
        const checked = checkTravelAllowance(this.form.getRawValue());
        this.problems.set(checked.ok ? {} : checked.problems);
      }
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.allowances.set(byValidFromDescending(await firstValueFrom(this.api.travelAllowances())));
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  protected async save(): Promise<void> {
    this.tried = true;
    this.alert.set(null);
    this.saved.set(null);
    const checked = checkTravelAllowance(this.form.getRawValue());
    if (!checked.ok) {
      this.problems.set(checked.problems);
      this.alert.set('form');
      focusAfterRender(this.injector, () => firstInvalid(this.formRef()?.nativeElement));
      return;
    }
    this.problems.set({});
    this.busy.set(true);
    try {
      const created = await firstValueFrom(this.api.createTravelAllowance(checked.body));
      this.tried = false;
      this.form.reset();
      this.saved.set(created);
      await this.load();
    } catch (error) {
      const problem = readApiError(error, TRAVEL_ALLOWANCE_FIELDS, 'overlap');
      this.problems.set(problem.fields);
      this.alert.set(alertFor(problem));
      focusAfterRender(this.injector, () => firstInvalid(this.formRef()?.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }
}
