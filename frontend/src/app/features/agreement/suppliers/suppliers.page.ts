import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { SupplierDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../../core/auth/auth.store';
import { FormCardComponent } from '../../../shared/form-card/form-card.component';
import type { ApiProblem } from '../../../shared/forms/api-problem';
import { FieldErrorComponent } from '../../../shared/forms/field-error.component';
import { focusAfterRender } from '../../../shared/forms/focus';
import { FormAlertComponent } from '../../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import type { FieldProblems } from '../../../shared/forms/form-problem';
import { FormSubmission, send } from '../../../shared/forms/form-submission';
import { fieldProblemText, formAlertText } from '../../../shared/forms/problem-text';
import { LoadStateComponent } from '../../../shared/store/load-state.component';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage } from '../../../shared/translate';
import { supplierColumns } from '../agreement-export';
import { checkQuarantineReason, checkSupplier, LIMITS, SUPPLIER_FIELDS } from '../forms/agreement-forms';
import { lotName, lotNames } from '../labels';
import { SuppliersStore } from './suppliers.store';

type Done = { kind: 'created' | 'quarantined' | 'reinstated'; name: string };

/** The checkboxes of the lots, in the agreement's order. */
const LOT_CHOICES = [
  { lot: 'LAKARE', control: 'lotLakare' },
  { lot: 'SJUKSKOTERSKA', control: 'lotSjukskoterska' },
] as const;

/** Suppliers of the agreement: register, quarantine (a sanction, with its reason) and reinstate. */
@Component({
  selector: 'hk-agreement-suppliers',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    TABLE,
    FieldErrorComponent,
    FormAlertComponent,
    FormCardComponent,
    LoadStateComponent,
    FORM_FIELD,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [SuppliersStore],
  styleUrl: '../agreement-page.scss',
  templateUrl: './suppliers.page.html',
})
export class SuppliersPage {
  protected readonly store = inject(SuppliersStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly auth = inject(AuthStore);

  protected readonly limits = LIMITS;
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));
  protected readonly done = signal<Done | null>(null);
  protected readonly columns = perLanguage(supplierColumns);
  protected readonly lotNames = lotNames;
  protected readonly lotName = lotName;
  protected readonly lotChoices = LOT_CHOICES;
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly formAlertText = formAlertText;

  protected readonly createForm = inject(NonNullableFormBuilder).group({
    organisationNumber: [''],
    name: [''],
    lotLakare: [false],
    lotSjukskoterska: [false],
  });
  protected readonly createSubmission = new FormSubmission({
    form: this.createForm,
    check: () => checkSupplier(this.createValue()),
    fields: SUPPLIER_FIELDS,
  });

  /** The supplier whose quarantine reason is being written. */
  protected readonly quarantining = signal<SupplierDto | null>(null);
  protected readonly quarantineForm = inject(NonNullableFormBuilder).group({ reason: [''] });
  protected readonly reasonProblem = signal<FieldProblems<'quarantineReason'>>({});
  protected readonly rowAlert = signal<{ id: string; alert: ApiProblem } | null>(null);
  protected readonly rowBusy = signal<string | null>(null);

  protected readonly byName = (s: SupplierDto) => s.name;
  protected readonly byOrganisationNumber = (s: SupplierDto) => s.organisationNumber;
  protected readonly byStatus = (s: SupplierDto) => s.status;
  /** A supplier's row has a second row while its quarantine reason is written or its change failed. */
  protected readonly hasDetail = (s: SupplierDto) =>
    this.quarantining()?.id === s.id || this.rowAlert()?.id === s.id;

  private createValue() {
    const v = this.createForm.getRawValue();
    const lots = LOT_CHOICES.filter((choice) => v[choice.control]).map((choice) => choice.lot);
    return { organisationNumber: v.organisationNumber, name: v.name, lots };
  }

  protected async create(): Promise<void> {
    this.done.set(null);
    const created = await this.createSubmission.submit((body) => this.store.register(body));
    if (!created) return;
    this.createForm.reset();
    this.done.set({ kind: 'created', name: created.name });
  }

  protected startQuarantine(supplier: SupplierDto): void {
    this.quarantining.set(supplier);
    this.quarantineForm.reset();
    this.reasonProblem.set({});
    this.rowAlert.set(null);
    this.done.set(null);
    this.focusReason();
  }

  protected cancelQuarantine(): void {
    const supplier = this.quarantining();
    this.quarantining.set(null);
    if (supplier) this.focusRowButton(supplier.id);
  }

  protected async quarantine(): Promise<void> {
    const supplier = this.quarantining();
    if (!supplier) return;
    const checked = checkQuarantineReason(this.quarantineForm.controls.reason.value);
    if (!checked.ok) {
      this.reasonProblem.set(checked.problems);
      this.focusReason();
      return;
    }
    this.reasonProblem.set({});
    const changed = await this.change(supplier, { status: 'QUARANTINED', quarantineReason: checked.body });
    if (changed) {
      this.quarantining.set(null);
      this.done.set({ kind: 'quarantined', name: changed.name });
      this.focusRowButton(changed.id);
    }
  }

  protected async reinstate(supplier: SupplierDto): Promise<void> {
    this.done.set(null);
    this.quarantining.set(null);
    const changed = await this.change(supplier, { status: 'ACTIVE' });
    if (changed) {
      this.done.set({ kind: 'reinstated', name: changed.name });
      this.focusRowButton(changed.id);
    }
  }

  private async change(
    supplier: SupplierDto,
    change: { status: 'ACTIVE' | 'QUARANTINED'; quarantineReason?: string },
  ): Promise<SupplierDto | null> {
    this.rowAlert.set(null);
    this.rowBusy.set(supplier.id);
    const sent = await send(this.store.change(supplier.id, { version: supplier.version, ...change }), {
      fields: ['quarantineReason'],
    });
    this.rowBusy.set(null);
    if (sent.ok) return sent.answer;
    if (sent.fields.quarantineReason) this.reasonProblem.set(sent.fields);
    this.rowAlert.set({ id: supplier.id, alert: sent.problem });
    // someone else changed the supplier: show what it is now, so the user can decide again
    if (sent.problem.status === 409 || sent.problem.status === 404) this.store.suppliers.reload();
    return null;
  }

  private focusRowButton(id: string): void {
    focusAfterRender(this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>(`[data-row-action="${id}"]`),
    );
  }

  private focusReason(): void {
    focusAfterRender(this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>('#quarantine-reason'),
    );
  }
}
