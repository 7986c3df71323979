import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FormerEmployeeDto } from '@hyrkoll/contracts';
import { swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { FormCardComponent } from '../../../shared/form-card/form-card.component';
import { IsoDatePipe } from '../../../shared/format/format.pipes';
import { focusAfterRender } from '../../../shared/forms/focus';
import { FormAlertComponent } from '../../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { readServerProblem } from '../../../shared/forms/form-problem';
import { FormSubmission, send } from '../../../shared/forms/form-submission';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage, Translate } from '../../../shared/translate';
import { AgreementApi, KarensCheckResult } from '../agreement.api';
import { inKarensOn } from '../agreement-data';
import { formerEmployeeColumns } from '../agreement-export';
import {
  checkFormerEmployee,
  checkKarensQuery,
  FORMER_EMPLOYEE_FIELDS,
  KARENS_CHECK_FIELDS,
  LIMITS,
} from '../forms/agreement-forms';
import { alertFor, alertText, FormAlert, formAlert, problemText } from '../forms/problem-messages.component';

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
    TABLE,
    FormAlertComponent,
    FormCardComponent,
    FORM_FIELD,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  templateUrl: './former-employees.page.html',
})
export class FormerEmployeesPage implements OnInit {
  private readonly api = inject(AgreementApi);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly limits = LIMITS;
  protected readonly today = swedishDate(new Date());
  protected readonly inKarensOn = inKarensOn;
  protected readonly problemText = problemText;
  protected readonly alertText = alertText;
  protected readonly formAlert = formAlert;
  protected readonly columns = perLanguage((t: Translate) => formerEmployeeColumns(t, this.today));

  protected readonly state = signal<'loading' | 'ready' | 'error' | 'forbidden'>('loading');
  protected readonly people = signal<FormerEmployeeDto[]>([]);
  protected readonly done = signal<Done | null>(null);

  protected readonly addForm = inject(NonNullableFormBuilder).group({
    identityNumber: [''],
    employmentEndedOn: [''],
  });
  protected readonly addSubmission = new FormSubmission({
    form: this.addForm,
    check: () => checkFormerEmployee(this.addForm.getRawValue()),
    fields: FORMER_EMPLOYEE_FIELDS,
  });

  protected readonly checkForm = inject(NonNullableFormBuilder).group({
    identityNumber: [''],
    on: [''],
  });
  protected readonly checkSubmission = new FormSubmission({
    form: this.checkForm,
    check: () => checkKarensQuery(this.checkForm.getRawValue()),
    fields: KARENS_CHECK_FIELDS,
  });
  protected readonly checkResult = signal<(KarensCheckResult & { on: string }) | null>(null);

  /** The person whose removal waits for confirmation. */
  protected readonly removing = signal<FormerEmployeeDto | null>(null);
  protected readonly removeAlert = signal<FormAlert | null>(null);
  protected readonly removeBusy = signal(false);

  constructor() {
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
      const forbidden = readServerProblem(error, { fields: [] }).general === 'forbidden';
      this.state.set(forbidden ? 'forbidden' : 'error');
    }
  }

  protected async add(): Promise<void> {
    this.done.set(null);
    const person = await this.addSubmission.submit((body) => this.api.registerFormerEmployee(body));
    if (!person) return;
    const known = this.people().some((p) => p.id === person.id);
    this.people.update((list) => byEndDescending([...list.filter((p) => p.id !== person.id), person]));
    this.addForm.reset();
    this.done.set({ kind: known ? 'updated' : 'registered', person });
  }

  protected async check(): Promise<void> {
    this.checkResult.set(null);
    const on = this.checkForm.controls.on.value.trim() || this.today;
    const result = await this.checkSubmission.submit((body) => this.api.checkKarens(body));
    if (result) this.checkResult.set({ ...result, on });
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
    const sent = await send(this.api.removeFormerEmployee(person.id));
    this.removeBusy.set(false);
    if (sent.ok) {
      this.people.update((list) => list.filter((p) => p.id !== person.id));
      this.removing.set(null);
      this.done.set({ kind: 'removed', person });
      focusAfterRender(this.injector, () =>
        this.host.nativeElement.querySelector<HTMLElement>('#register-heading'),
      );
      return;
    }
    if (sent.problem.general === 'notFound') {
      // already gone: someone else removed it; show the register as it is
      this.removing.set(null);
      await this.load();
    }
    this.removeAlert.set(alertFor(sent.problem));
  }
}
