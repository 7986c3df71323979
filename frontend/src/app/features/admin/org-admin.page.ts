import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  AreaDto,
  CARE_SETTINGS,
  CareSetting,
  CreateUnitRequest,
  UnitDto,
  UpdateAreaRequest,
  UpdateUnitRequest,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { FormCardComponent } from '../../shared/form-card/form-card.component';
import { FocusReturn } from '../../shared/forms/focus';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import type { ApiProblem } from '../../shared/forms/form-problem';
import { FormSubmission } from '../../shared/forms/form-submission';
import { problemText } from '../../shared/forms/problem-text';
import { checkedValue } from '../../shared/forms/valid-value';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { TABLE } from '../../shared/table/table.component';
import { perLanguage, Translate } from '../../shared/translate';
import { codeFormat, fieldError, notBlank } from './form-errors';
import { OrgAdminStore } from './org-admin.store';
import { changedFields } from './org-changes';

type Mode<T> = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; item: T };

const AREA_FIELDS = ['code', 'name'] as const;
const UNIT_FIELDS = ['costCentre', 'name', 'areaId', 'careSetting', 'municipalityCode'] as const;

/** The region's areas and units: add them, rename them, move a unit, change its municipality. */
@Component({
  selector: 'hk-admin-org',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    ExportButtonsComponent,
    FormCardComponent,
    LoadStateComponent,
    FORM_FIELD,
    TABLE,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OrgAdminStore],
  styleUrl: './admin-page.scss',
  templateUrl: './org-admin.page.html',
})
export class OrgAdminPage {
  protected readonly store = inject(OrgAdminStore);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly careSettings = CARE_SETTINGS;
  protected readonly areaFilter = signal('');
  protected readonly visibleUnits = computed(() => {
    const area = this.areaFilter();
    const units = this.store.units.hasValue() ? this.store.units.value() : [];
    return area ? units.filter((u) => u.area.id === area) : units;
  });

  protected readonly areaMode = signal<Mode<AreaDto>>({ kind: 'none' });
  protected readonly unitMode = signal<Mode<UnitDto>>({ kind: 'none' });
  protected readonly done = signal<{ key: string; name: string } | null>(null);

  protected readonly areaForm = this.fb.group({
    code: ['', [Validators.required, codeFormat]],
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
  });

  protected readonly unitForm = this.fb.group({
    costCentre: ['', [Validators.required, codeFormat]],
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    areaId: ['', Validators.required],
    careSetting: ['PRIMARVARD' as CareSetting, Validators.required],
    municipalityCode: ['', Validators.required],
  });

  protected readonly areaSubmission = new FormSubmission({
    form: this.areaForm,
    check: () => checkedValue(this.areaForm),
    fields: AREA_FIELDS,
  });
  protected readonly unitSubmission = new FormSubmission({
    form: this.unitForm,
    check: () => checkedValue(this.unitForm),
    fields: UNIT_FIELDS,
  });

  private readonly areaCard = viewChild<FormCardComponent>('areaCard');
  private readonly unitCard = viewChild<FormCardComponent>('unitCard');
  private readonly areaFocus = new FocusReturn(this.injector);
  private readonly unitFocus = new FocusReturn(this.injector);

  protected readonly exportColumns = perLanguage((t: Translate): ExportColumn<UnitDto>[] => [
    { header: t('admin.org.costCentre'), value: (u) => u.costCentre },
    { header: t('admin.org.unitName'), value: (u) => u.name },
    { header: t('admin.org.areaCode'), value: (u) => u.area.code },
    { header: t('admin.org.area'), value: (u) => u.area.name },
    { header: t('admin.org.careSetting'), value: (u) => t('careSetting.' + u.careSetting) },
    { header: t('admin.org.municipalityCode'), value: (u) => u.municipality.code },
    { header: t('admin.org.municipality'), value: (u) => u.municipality.name },
    { header: t('admin.org.priceZone'), value: (u) => u.municipality.priceZone, kind: 'number' },
  ]);

  protected onAreaFilter(event: Event): void {
    this.areaFilter.set((event.target as HTMLSelectElement).value);
  }

  protected openArea(area: AreaDto | null): void {
    this.areaForm.reset({ code: area?.code ?? '', name: area?.name ?? '' });
    this.areaSubmission.clear();
    this.done.set(null);
    this.areaMode.set(area ? { kind: 'edit', item: area } : { kind: 'create' });
    this.areaFocus.opened(() => this.areaCard()?.headingRef());
  }

  protected openUnit(unit: UnitDto | null): void {
    const filtered = this.areaFilter();
    this.unitForm.reset({
      costCentre: unit?.costCentre ?? '',
      name: unit?.name ?? '',
      areaId: unit?.area.id ?? filtered,
      careSetting: unit?.careSetting ?? 'PRIMARVARD',
      municipalityCode: unit?.municipality.code ?? '',
    });
    this.unitSubmission.clear();
    this.done.set(null);
    this.unitMode.set(unit ? { kind: 'edit', item: unit } : { kind: 'create' });
    this.unitFocus.opened(() => this.unitCard()?.headingRef());
  }

  protected closeArea(): void {
    this.areaMode.set({ kind: 'none' });
    this.areaFocus.closed();
  }

  protected closeUnit(): void {
    this.unitMode.set({ kind: 'none' });
    this.unitFocus.closed();
  }

  protected async saveArea(): Promise<void> {
    this.done.set(null);
    const mode = this.areaMode();
    const saved = await this.areaSubmission.submit((v) => {
      const input = { code: v.code.trim(), name: v.name.trim() };
      return mode.kind === 'edit'
        ? this.store.updateArea(mode.item.id, changedFields(input, mode.item) as UpdateAreaRequest)
        : this.store.createArea(input);
    });
    if (!saved) return;
    this.closeArea();
    this.done.set({ key: mode.kind === 'edit' ? 'areaSaved' : 'areaCreated', name: saved.name });
  }

  protected async saveUnit(): Promise<void> {
    this.done.set(null);
    const mode = this.unitMode();
    const saved = await this.unitSubmission.submit((v) => {
      const input: CreateUnitRequest = { ...v, costCentre: v.costCentre.trim(), name: v.name.trim() };
      if (mode.kind !== 'edit') return this.store.createUnit(input);
      const { area, municipality, ...unit } = mode.item;
      const current = { ...unit, areaId: area.id, municipalityCode: municipality.code };
      return this.store.updateUnit(mode.item.id, changedFields(input, current) as UpdateUnitRequest);
    });
    if (!saved) return;
    this.closeUnit();
    this.done.set({ key: mode.kind === 'edit' ? 'unitSaved' : 'unitCreated', name: saved.name });
  }

  /** What is wrong with a field of the area form, or null; `taken` names a value already in use. */
  protected areaError(field: (typeof AREA_FIELDS)[number], t: Translate, taken?: string): string | null {
    return fieldError(this.areaForm.get(field), this.areaSubmission.problems()[field], t, taken);
  }

  /** What is wrong with a field of the unit form, or null; `taken` names a value already in use. */
  protected unitError(field: (typeof UNIT_FIELDS)[number], t: Translate, taken?: string): string | null {
    return fieldError(this.unitForm.get(field), this.unitSubmission.problems()[field], t, taken);
  }

  /** The alert of a form: a problem the API did not tie to one of its fields. */
  protected alert(problem: ApiProblem | null, t: Translate): string | null {
    if (!problem) return null;
    return problem.status === 404 ? t('admin.org.gone') : problemText(problem, t);
  }

  protected readonly byCostCentre = (u: UnitDto) => u.costCentre;
  protected readonly byName = (u: UnitDto) => u.name;
  protected readonly byAreaName = (u: UnitDto) => u.area.name;
}
