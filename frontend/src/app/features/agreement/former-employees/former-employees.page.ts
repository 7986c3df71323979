import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FormerEmployeeDto } from '@hyrkoll/contracts';
import { swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { ExportButtonsComponent } from '../../../shared/export/export-buttons.component';
import { IsoDatePipe } from '../../../shared/format/format.pipes';
import { inKarensOn } from '../agreement-data';
import { AgreementApi, KarensCheckResult } from '../agreement.api';
import { formerEmployeeColumns, perLanguage } from '../agreement-export';
import {
  checkFormerEmployee,
  checkKarensQuery,
  FORMER_EMPLOYEE_FIELDS,
  FormerEmployeeField,
  KARENS_CHECK_FIELDS,
  KarensCheckField,
  LIMITS,
} from '../forms/agreement-forms';
import { firstInvalid, focusAfterRender } from '../forms/focus';
import { FieldErrorComponent, FormAlert, FormAlertComponent } from '../forms/problem-messages.component';
import { alertFor, FieldProblems, readApiError } from '../forms/problems';
import { Translate } from '../labels';

type Done = { kind: 'registered' | 'updated' | 'removed'; person: FormerEmployeeDto };

/** Newest end of employment first, as the API lists them. */
function byEndDescending(list: readonly FormerEmployeeDto[]): FormerEmployeeDto[] {
  return [...list].sort((a, b) => b.employmentEndedOn.localeCompare(a.employmentEndedOn));
}

/**
 * The register of people who recently worked for the region, for the karens rule. Identity
 * numbers are sent once and kept by the API only as a keyed hash; the page shows them masked.
 */
@Component({
  selector: 'hk-agreement-former-employees',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    IsoDatePipe,
    ExportButtonsComponent,
    FieldErrorComponent,
    FormAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  templateUrl: './former-employees.page.html',
})
export class FormerEmployeesPage implements OnInit {
  private readonly api = inject(AgreementApi);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly addFormRef = viewChild<ElementRef<HTMLFormElement>>('addFormEl');
  private readonly checkFormRef = viewChild<ElementRef<HTMLFormElement>>('checkFormEl');

  protected readonly limits = LIMITS;
  protected readonly today = swedishDate(new Date());
  protected readonly inKarensOn = inKarensOn;
  protected readonly columns = perLanguage((t: Translate) => formerEmployeeColumns(t, this.today));

  protected readonly state = signal<'loading' | 'ready' | 'error' | 'forbidden'>('loading');
  protected readonly people = signal<FormerEmployeeDto[]>([]);
  protected readonly done = signal<Done | null>(null);

  protected readonly addForm = inject(NonNullableFormBuilder).group({
    identityNumber: [''],
    employmentEndedOn: [''],
  });
  protected readonly addProblems = signal<FieldProblems<FormerEmployeeField>>({});
  protected readonly addAlert = signal<FormAlert | null>(null);
  protected readonly adding = signal(false);
  private addTried = false;

  protected readonly checkForm = inject(NonNullableFormBuilder).group({
    identityNumber: [''],
    on: [''],
  });
  protected readonly checkProblems = signal<FieldProblems<KarensCheckField>>({});
  protected readonly checkAlert = signal<FormAlert | null>(null);
  protected readonly checking = signal(false);
  protected readonly checkResult = signal<(KarensCheckResult & { on: string }) | null>(null);

  /** The person whose removal waits for confirmation. */
  protected readonly removing = signal<FormerEmployeeDto | null>(null);
  protected readonly removeAlert = signal<FormAlert | null>(null);
  protected readonly removeBusy = signal(false);

  constructor() {
    this.addForm.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.addTried) {
        const checked = checkFormerEmployee(this.addForm.getRawValue());
        this.addProblems.set(checked.ok ? {} : checked.problems);
      }
    });
    // a result belongs to the number and day it was asked for
    this.checkForm.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.checkResult.set(null));
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.people.set(await firstValueFrom(this.api.formerEmployees()));
      this.state.set('ready');
    } catch (error) {
      this.state.set(readApiError(error, []).general === 'forbidden' ? 'forbidden' : 'error');
    }
  }

  protected async add(): Promise<void> {
    this.addTried = true;
    this.addAlert.set(null);
    this.done.set(null);
    const checked = checkFormerEmployee(this.addForm.getRawValue());
    if (!checked.ok) {
      this.addProblems.set(checked.problems);
      this.addAlert.set('form');
      focusAfterRender(this.injector, () => firstInvalid(this.addFormRef()?.nativeElement));
      return;
    }
    this.addProblems.set({});
    this.adding.set(true);
    try {
      const person = await firstValueFrom(this.api.registerFormerEmployee(checked.body));
      const known = this.people().some((p) => p.id === person.id);
      this.people.update((list) => byEndDescending([...list.filter((p) => p.id !== person.id), person]));
      this.addTried = false;
      this.addForm.reset();
      this.done.set({ kind: known ? 'updated' : 'registered', person });
    } catch (error) {
      const problem = readApiError(error, FORMER_EMPLOYEE_FIELDS);
      this.addProblems.set(problem.fields);
      this.addAlert.set(alertFor(problem));
      focusAfterRender(this.injector, () => firstInvalid(this.addFormRef()?.nativeElement));
    } finally {
      this.adding.set(false);
    }
  }

  protected async check(): Promise<void> {
    this.checkAlert.set(null);
    this.checkResult.set(null);
    const checked = checkKarensQuery(this.checkForm.getRawValue());
    if (!checked.ok) {
      this.checkProblems.set(checked.problems);
      this.checkAlert.set('form');
      focusAfterRender(this.injector, () => firstInvalid(this.checkFormRef()?.nativeElement));
      return;
    }
    this.checkProblems.set({});
    this.checking.set(true);
    try {
      const result = await firstValueFrom(this.api.checkKarens(checked.body));
      this.checkResult.set({ ...result, on: checked.body.on ?? this.today });
    } catch (error) {
      const problem = readApiError(error, KARENS_CHECK_FIELDS);
      this.checkProblems.set(problem.fields);
      this.checkAlert.set(alertFor(problem));
    } finally {
      this.checking.set(false);
    }
  }

  protected askRemove(person: FormerEmployeeDto): void {
    this.removing.set(person);
    this.removeAlert.set(null);
    this.done.set(null);
    focusAfterRender(this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>('#confirm-remove'),
    );
  }

  protected cancelRemove(): void {
    const person = this.removing();
    this.removing.set(null);
    if (person) {
      focusAfterRender(this.injector, () =>
        this.host.nativeElement.querySelector<HTMLElement>(`[data-row-action="${person.id}"]`),
      );
    }
  }

  protected async remove(): Promise<void> {
    const person = this.removing();
    if (!person) return;
    this.removeBusy.set(true);
    this.removeAlert.set(null);
    try {
      await firstValueFrom(this.api.removeFormerEmployee(person.id));
      this.people.update((list) => list.filter((p) => p.id !== person.id));
      this.removing.set(null);
      this.done.set({ kind: 'removed', person });
      focusAfterRender(this.injector, () =>
        this.host.nativeElement.querySelector<HTMLElement>('#register-heading'),
      );
    } catch (error) {
      const problem = readApiError(error, []);
      if (problem.general === 'notFound') {
        // already gone: someone else removed it; show the register as it is
        this.removing.set(null);
        await this.load();
      }
      this.removeAlert.set(alertFor(problem));
    } finally {
      this.removeBusy.set(false);
    }
  }
}
