import { NgTemplateOutlet } from '@angular/common';
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
import { FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type {
  AreaDto,
  CreateUserRequest,
  RoleGrantInput,
  UnitDto,
  UpdateUserRequest,
  UserDto,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import { validValue } from '../../shared/forms/valid-value';
import { TABLE } from '../../shared/table/table.component';
import { AdminApi } from './admin.api';
import { ApiProblem, clearOnChange, sendChange } from './api-problem';
import { FocusReturn } from './focus-return';
import { formFieldMessage, messageText, notBlank } from './form-errors';
import { ProblemNoticeComponent } from './problem-notice.component';
import { assignmentScopeName, grantsOf, sameGrants } from './role-grants';
import { RoleGrantsEditorComponent } from './role-grants-editor.component';
import { memoByTranslator, Translate } from './translate-memo';

const MIN_PASSWORD_LENGTH = 10;
/** Fields whose problems are shown under the field itself. */
const FIELDS_WITH_MESSAGES = ['name', 'email', 'password'];
const isRolesField = (field: string) => field === 'roles' || field.startsWith('roles.');

type Mode = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; user: UserDto };

/** The region's users: create them, change their roles and scopes, deactivate them. */
@Component({
  selector: 'hk-admin-users',
  imports: [
    ReactiveFormsModule,
    NgTemplateOutlet,
    TranslocoDirective,
    RoleGrantsEditorComponent,
    ExportButtonsComponent,
    ProblemNoticeComponent,
    FORM_FIELD,
    TABLE,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  templateUrl: './users.page.html',
})
export class UsersPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly users = signal<UserDto[]>([]);
  protected readonly units = signal<UnitDto[]>([]);
  protected readonly areas = signal<AreaDto[]>([]);
  protected readonly mode = signal<Mode>({ kind: 'none' });
  protected readonly grants = signal<RoleGrantInput[]>([]);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  /** What the last action did, announced politely. */
  protected readonly done = signal<{ key: string; name: string } | null>(null);
  protected readonly meId = computed(() => this.auth.me()?.id ?? null);
  protected readonly editing = computed(() => {
    const mode = this.mode();
    return mode.kind === 'edit' ? mode.user : null;
  });

  protected readonly createForm = this.fb.group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    locale: ['sv' as 'sv' | 'en'],
    password: [
      '',
      [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(200)],
    ],
  });

  protected readonly editForm = this.fb.group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    locale: ['sv' as 'sv' | 'en'],
    password: ['', [Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(200)]],
  });

  private readonly panelHeading = viewChild<ElementRef<HTMLElement>>('panelHeading');
  private readonly focus = new FocusReturn(this.injector);

  protected readonly exportColumns = memoByTranslator((t: Translate): ExportColumn<UserDto>[] => [
    { header: t('admin.users.name'), value: (u) => u.name },
    { header: t('admin.users.email'), value: (u) => u.email },
    { header: t('admin.users.language'), value: (u) => t('admin.language.' + u.locale) },
    {
      header: t('admin.users.roles'),
      value: (u) =>
        u.roles
          .map((r) => {
            const scope = assignmentScopeName(r);
            return scope ? `${t('admin.role.' + r.role)} – ${scope}` : t('admin.role.' + r.role);
          })
          .join('; '),
    },
    {
      header: t('admin.users.status'),
      value: (u) => (u.active ? t('admin.users.active') : t('admin.users.inactive')),
    },
  ]);

  constructor() {
    clearOnChange(this.problem, this.createForm, this.editForm);
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [users, units, areas] = await Promise.all([
        firstValueFrom(this.api.users()),
        firstValueFrom(this.api.units()),
        firstValueFrom(this.api.areas()),
      ]);
      this.users.set(users);
      this.units.set(units);
      this.areas.set(areas);
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  protected scopeName = assignmentScopeName;
  protected readonly userClass = (u: UserDto) => (u.active ? '' : 'muted');
  protected readonly byName = (u: UserDto) => u.name;
  protected readonly byEmail = (u: UserDto) => u.email;

  protected openCreate(): void {
    this.createForm.reset({ name: '', email: '', locale: 'sv', password: '' });
    this.grants.set([]);
    this.open({ kind: 'create' });
  }

  protected openEdit(user: UserDto): void {
    this.editForm.reset({ name: user.name, locale: user.locale, password: '' });
    this.grants.set(grantsOf(user.roles));
    this.open({ kind: 'edit', user });
  }

  protected close(): void {
    this.mode.set({ kind: 'none' });
    this.problem.set(null);
    this.focus.closed();
  }

  protected async create(): Promise<void> {
    this.done.set(null);
    this.problem.set(null);
    const v = validValue(this.createForm);
    if (!v) return;
    const body: CreateUserRequest = {
      name: v.name.trim(),
      email: v.email.trim(),
      locale: v.locale,
      password: v.password,
      roles: this.grants(),
    };
    const created = await sendChange(this.busy, this.problem, () => this.api.createUser(body));
    if (created) {
      this.users.set([...this.users(), created].sort((a, b) => a.name.localeCompare(b.name, 'sv')));
      this.close();
      this.done.set({ key: 'created', name: created.name });
    }
  }

  protected async save(user: UserDto): Promise<void> {
    this.done.set(null);
    this.problem.set(null);
    const v = validValue(this.editForm);
    if (!v) return;
    const body: UpdateUserRequest = {
      version: user.version,
      ...(v.name.trim() !== user.name && { name: v.name.trim() }),
      ...(v.locale !== user.locale && { locale: v.locale }),
      ...(v.password && { password: v.password }),
      ...(!sameGrants(this.grants(), grantsOf(user.roles)) && { roles: this.grants() }),
    };
    const saved = await sendChange(this.busy, this.problem, () => this.api.updateUser(user.id, body));
    if (saved) {
      this.replace(saved);
      this.close();
      this.done.set({ key: 'saved', name: saved.name });
    }
  }

  /** Deactivates (ends the user's sessions) or reactivates a user, from the table. */
  protected async setActive(user: UserDto, active: boolean): Promise<void> {
    this.done.set(null);
    this.problem.set(null);
    const saved = await sendChange(this.busy, this.problem, () =>
      this.api.updateUser(user.id, { version: user.version, active }),
    );
    if (saved) {
      this.replace(saved);
      this.done.set({ key: active ? 'activated' : 'deactivated', name: saved.name });
    }
  }

  /** What is wrong with a field of the open form, or null; `taken` names a value already in use. */
  protected error(form: FormGroup, field: string, t: Translate, taken?: string): string | null {
    return messageText(formFieldMessage(form, field, this.problem()), t, taken);
  }

  /** True when the API found fault with the roles (a scope outside the region, say). */
  protected rolesError(): boolean {
    const problem = this.problem();
    return problem?.status === 400 && Object.keys(problem.fields).some(isRolesField);
  }

  /** A problem not shown at one field: a stale version, the last administrator, a failure. */
  protected generalProblem(): ApiProblem | null {
    const problem = this.problem();
    if (!problem) return null;
    const fields = Object.keys(problem.fields);
    const atFields = fields.every(
      (f) => FIELDS_WITH_MESSAGES.includes(f) || (problem.status === 400 && isRolesField(f)),
    );
    return fields.length > 0 && atFields ? null : problem;
  }

  /** Which text explains a general problem. */
  protected problemKey(problem: ApiProblem): 'lastAdministrator' | 'conflict' | 'failed' {
    if (problem.status !== 409) return 'failed';
    return 'active' in problem.fields || 'roles' in problem.fields ? 'lastAdministrator' : 'conflict';
  }

  private open(mode: Mode): void {
    this.done.set(null);
    this.problem.set(null);
    this.mode.set(mode);
    this.focus.opened(() => this.panelHeading()?.nativeElement);
  }

  private replace(user: UserDto): void {
    this.users.set(this.users().map((u) => (u.id === user.id ? user : u)));
  }
}
