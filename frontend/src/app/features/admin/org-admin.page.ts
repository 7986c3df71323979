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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  AreaDto,
  CARE_SETTINGS,
  CareSetting,
  CreateUnitRequest,
  MunicipalityDto,
  UnitDto,
  UpdateAreaRequest,
  UpdateUnitRequest,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import { validValue } from '../../shared/forms/valid-value';
import { TABLE } from '../../shared/table/table.component';
import { AdminApi } from './admin.api';
import { ApiProblem, clearOnChange, isGeneralProblem, sendChange } from './api-problem';
import { FocusReturn } from './focus-return';
import { codeFormat, formFieldMessage, messageText, notBlank } from './form-errors';
import { changedFields } from './org-changes';
import { ProblemNoticeComponent } from './problem-notice.component';
import { memoByTranslator, Translate } from './translate-memo';

type Mode<T> = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; item: T };

const AREA_FIELDS = ['code', 'name'];
const UNIT_FIELDS = ['costCentre', 'name', 'areaId', 'careSetting', 'municipalityCode'];

/** The region's areas and units: add them, rename them, move a unit, change its municipality. */
@Component({
  selector: 'hk-admin-org',
  imports: [
    ReactiveFormsModule,
    TranslocoDirective,
    ExportButtonsComponent,
    ProblemNoticeComponent,
    FORM_FIELD,
    TABLE,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  templateUrl: './org-admin.page.html',
})
export class OrgAdminPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly careSettings = CARE_SETTINGS;
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly areas = signal<AreaDto[]>([]);
  protected readonly units = signal<UnitDto[]>([]);
  protected readonly municipalities = signal<MunicipalityDto[]>([]);
  protected readonly areaFilter = signal('');
  protected readonly visibleUnits = computed(() => {
    const area = this.areaFilter();
    return area ? this.units().filter((u) => u.area.id === area) : this.units();
  });

  protected readonly areaMode = signal<Mode<AreaDto>>({ kind: 'none' });
  protected readonly unitMode = signal<Mode<UnitDto>>({ kind: 'none' });
  protected readonly areaProblem = signal<ApiProblem | null>(null);
  protected readonly unitProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
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

  private readonly areaHeading = viewChild<ElementRef<HTMLElement>>('areaHeading');
  private readonly unitHeading = viewChild<ElementRef<HTMLElement>>('unitHeading');
  private readonly areaFocus = new FocusReturn(this.injector);
  private readonly unitFocus = new FocusReturn(this.injector);

  protected readonly exportColumns = memoByTranslator((t: Translate): ExportColumn<UnitDto>[] => [
    { header: t('admin.org.costCentre'), value: (u) => u.costCentre },
    { header: t('admin.org.unitName'), value: (u) => u.name },
    { header: t('admin.org.areaCode'), value: (u) => u.area.code },
    { header: t('admin.org.area'), value: (u) => u.area.name },
    { header: t('admin.org.careSetting'), value: (u) => t('careSetting.' + u.careSetting) },
    { header: t('admin.org.municipalityCode'), value: (u) => u.municipality.code },
    { header: t('admin.org.municipality'), value: (u) => u.municipality.name },
    { header: t('admin.org.priceZone'), value: (u) => u.municipality.priceZone, kind: 'number' },
  ]);

  constructor() {
    clearOnChange(this.areaProblem, this.areaForm);
    clearOnChange(this.unitProblem, this.unitForm);
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [areas, units, municipalities] = await Promise.all([
        firstValueFrom(this.api.areas()),
        firstValueFrom(this.api.units()),
        firstValueFrom(this.api.municipalities()),
      ]);
      this.areas.set(areas);
      this.units.set(units);
      this.municipalities.set(municipalities);
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  protected onAreaFilter(event: Event): void {
    this.areaFilter.set((event.target as HTMLSelectElement).value);
  }

  protected openArea(area: AreaDto | null): void {
    this.areaForm.reset({ code: area?.code ?? '', name: area?.name ?? '' });
    this.areaProblem.set(null);
    this.done.set(null);
    this.areaMode.set(area ? { kind: 'edit', item: area } : { kind: 'create' });
    this.areaFocus.opened(() => this.areaHeading()?.nativeElement);
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
    this.unitProblem.set(null);
    this.done.set(null);
    this.unitMode.set(unit ? { kind: 'edit', item: unit } : { kind: 'create' });
    this.unitFocus.opened(() => this.unitHeading()?.nativeElement);
  }

  protected closeArea(): void {
    this.areaMode.set({ kind: 'none' });
    this.areaProblem.set(null);
    this.areaFocus.closed();
  }

  protected closeUnit(): void {
    this.unitMode.set({ kind: 'none' });
    this.unitProblem.set(null);
    this.unitFocus.closed();
  }

  protected async saveArea(): Promise<void> {
    this.done.set(null);
    this.areaProblem.set(null);
    const v = validValue(this.areaForm);
    if (!v) return;
    const input = { code: v.code.trim(), name: v.name.trim() };
    const mode = this.areaMode();
    const saved = await sendChange(this.busy, this.areaProblem, () =>
      mode.kind === 'edit'
        ? this.api.updateArea(mode.item.id, changedFields(input, mode.item) as UpdateAreaRequest)
        : this.api.createArea(input),
    );
    if (!saved) return;
    const others = this.areas().filter((a) => a.id !== saved.id);
    this.areas.set([...others, saved].sort((a, b) => a.name.localeCompare(b.name, 'sv')));
    if (mode.kind === 'edit') {
      // the units show the area's name and code
      this.units.set(
        this.units().map((u) =>
          u.area.id === saved.id ? { ...u, area: { id: saved.id, code: saved.code, name: saved.name } } : u,
        ),
      );
    }
    this.closeArea();
    this.done.set({ key: mode.kind === 'edit' ? 'areaSaved' : 'areaCreated', name: saved.name });
  }

  protected async saveUnit(): Promise<void> {
    this.done.set(null);
    this.unitProblem.set(null);
    const v = validValue(this.unitForm);
    if (!v) return;
    const input: CreateUnitRequest = {
      costCentre: v.costCentre.trim(),
      name: v.name.trim(),
      areaId: v.areaId,
      careSetting: v.careSetting,
      municipalityCode: v.municipalityCode,
    };
    const mode = this.unitMode();
    const saved = await sendChange(this.busy, this.unitProblem, () =>
      mode.kind === 'edit'
        ? this.api.updateUnit(
            mode.item.id,
            changedFields(input, {
              costCentre: mode.item.costCentre,
              name: mode.item.name,
              areaId: mode.item.area.id,
              careSetting: mode.item.careSetting,
              municipalityCode: mode.item.municipality.code,
            }) as UpdateUnitRequest,
          )
        : this.api.createUnit(input),
    );
    if (!saved) return;
    const before = mode.kind === 'edit' ? mode.item : null;
    this.units.set(
      [...this.units().filter((u) => u.id !== saved.id), saved].sort(
        (a, b) => a.area.name.localeCompare(b.area.name, 'sv') || a.name.localeCompare(b.name, 'sv'),
      ),
    );
    // the areas show how many units each has
    if (before?.area.id !== saved.area.id) {
      this.areas.set(
        this.areas().map((a) => ({
          ...a,
          unitCount:
            a.unitCount + (a.id === saved.area.id ? 1 : 0) - (before && a.id === before.area.id ? 1 : 0),
        })),
      );
    }
    this.closeUnit();
    this.done.set({ key: mode.kind === 'edit' ? 'unitSaved' : 'unitCreated', name: saved.name });
  }

  /** What is wrong with a field of the area form, or null; `taken` names a value already in use. */
  protected areaError(field: string, t: Translate, taken?: string): string | null {
    return messageText(formFieldMessage(this.areaForm, field, this.areaProblem()), t, taken);
  }

  /** What is wrong with a field of the unit form, or null; `taken` names a value already in use. */
  protected unitError(field: string, t: Translate, taken?: string): string | null {
    return messageText(formFieldMessage(this.unitForm, field, this.unitProblem()), t, taken);
  }

  /** A problem the API did not tie to a field of the form. */
  protected general(problem: ApiProblem | null, fields: readonly string[]): ApiProblem | null {
    return isGeneralProblem(problem, fields) ? problem : null;
  }

  protected readonly byCostCentre = (u: UnitDto) => u.costCentre;
  protected readonly byName = (u: UnitDto) => u.name;
  protected readonly byAreaName = (u: UnitDto) => u.area.name;

  protected readonly areaFields = AREA_FIELDS;
  protected readonly unitFields = UNIT_FIELDS;
}
