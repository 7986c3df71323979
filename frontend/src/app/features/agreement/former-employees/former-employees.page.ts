import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FormerEmployeeDto } from '@hyrkoll/contracts';
import { swedishDate } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { FormCardComponent } from '../../../shared/form-card/form-card.component';
import { IsoDatePipe } from '../../../shared/format/format.pipes';
import { ApiProblem, apiProblemOf } from '../../../shared/forms/api-problem';
import { focusAfterRender } from '../../../shared/forms/focus';
import { FormAlertComponent } from '../../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { FormSubmission, send } from '../../../shared/forms/form-submission';
import { fieldProblemText, formAlertText } from '../../../shared/forms/problem-text';
import { LoadStateComponent } from '../../../shared/store/load-state.component';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage, Translate } from '../../../shared/translate';
import type { KarensCheckResult } from '../agreement.api';
import { inKarensOn } from '../agreement-data';
import { formerEmployeeColumns } from '../agreement-export';
import {
  checkFormerEmployee,
  checkKarensQuery,
  FORMER_EMPLOYEE_FIELDS,
  KARENS_CHECK_FIELDS,
  LIMITS,
} from '../forms/agreement-forms';
import { FormerEmployeesStore } from './former-employees.store';

type Done = { kind: 'registered' | 'updated' | 'removed'; person: FormerEmployeeDto };

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
    LoadStateComponent,
    FormAlertComponent,
    FormCardComponent,
    FORM_FIELD,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [FormerEmployeesStore],
  styleUrl: '../agreement-page.scss',
  templateUrl: './former-employees.page.html',
})
export class FormerEmployeesPage {
  protected readonly store = inject(FormerEmployeesStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly limits = LIMITS;
  protected readonly today = swedishDate(new Date());
  protected readonly inKarensOn = inKarensOn;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly formAlertText = formAlertText;
  protected readonly columns = perLanguage((t: Translate) => formerEmployeeColumns(t, this.today));

  /** The API refuses the register to this user: the page shows neither it nor its form. */
  protected readonly forbidden = computed(() => apiProblemOf(this.store.people.error()).status === 403);
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
  protected readonly removeAlert = signal<ApiProblem | null>(null);
  protected readonly removeBusy = signal(false);

  constructor() {
    // a result belongs to the number and day it was asked for
    this.checkForm.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.checkResult.set(null));
  }

  protected async add(): Promise<void> {
    this.done.set(null);
    const people = this.store.people.hasValue() ? this.store.people.value() : [];
    const person = await this.addSubmission.submit((body) => this.store.register(body));
    if (!person) return;
    const known = people.some((p) => p.id === person.id);
    this.addForm.reset();
    this.done.set({ kind: known ? 'updated' : 'registered', person });
  }

  protected async check(): Promise<void> {
    this.checkResult.set(null);
    const on = this.checkForm.controls.on.value.trim() || this.today;
    const result = await this.checkSubmission.submit((body) => this.store.check(body));
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
    const sent = await send(this.store.remove(person.id));
    this.removeBusy.set(false);
    if (sent.ok) {
      this.removing.set(null);
      this.done.set({ kind: 'removed', person });
      focusAfterRender(this.injector, () =>
        this.host.nativeElement.querySelector<HTMLElement>('#register-heading'),
      );
      return;
    }
    if (sent.problem.status === 404) {
      // already gone: someone else removed it; show the register as it is
      this.removing.set(null);
      this.store.people.reload();
    }
    this.removeAlert.set(sent.problem);
  }
}
