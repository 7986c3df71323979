import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  type AccessRequestDto,
  type CreateUserRequest,
  type GrantRequestDto,
  PASSWORD_SETUP_HOURS,
  type RoleAssignmentDto,
  type RoleGrantInput,
  type UpdateUserRequest,
  type UserDto,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import type { Observable } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { FormCardComponent } from '../../shared/form-card/form-card.component';
import { IsoDatePipe } from '../../shared/format/format.pipes';
import { focusAfterRender, FocusReturn } from '../../shared/forms/focus';
import { FormAlertComponent } from '../../shared/forms/form-alert.component';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import type { ApiProblem } from '../../shared/forms/form-problem';
import { FormSubmission, send, Sent } from '../../shared/forms/form-submission';
import { problemText } from '../../shared/forms/problem-text';
import { checkedValue } from '../../shared/forms/valid-value';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { TABLE } from '../../shared/table/table.component';
import { perLanguage, Translate } from '../../shared/translate';
import { ConfirmRowComponent } from './confirm-row.component';
import { fieldError, notBlank } from './form-errors';
import { assignmentScopeName, grantsOf, sameGrants, scopeName } from './role-grants';
import { RoleGrantsEditorComponent } from './role-grants-editor.component';
import { UsersStore } from './users.store';

/** The fields of the user forms, to which the API's details are matched ("roles.0.unitId" is "roles"). */
const USER_FIELDS = ['name', 'email', 'roles', 'externalId'] as const;
type UserField = (typeof USER_FIELDS)[number];

/**
 * Refusals the form says at the field they concern (an e-mail address or identity already in use),
 * and so not a second time in the alert above the buttons.
 */
const TOLD_AT_FIELD: ReadonlySet<string> = new Set(['DUPLICATE_EMAIL', 'DUPLICATE_EXTERNAL_ID']);

/** The longest identity at the provider (an HSA-id is far shorter). */
const EXTERNAL_ID_MAX = 200;

/** The open form: a new user (maybe from a request for access), or a change of one. */
type Mode =
  { kind: 'none' } | { kind: 'create'; request: AccessRequestDto | null } | { kind: 'edit'; user: UserDto };

/**
 * A change from a row that waits for its confirmation: dismissing a request for access,
 * deactivating a user (who is logged out at once), approving a grant (which may make someone an
 * administrator). `id` is the request's, the user's or the grant request's.
 */
export interface Confirming {
  kind: 'dismiss' | 'deactivate' | 'approve' | 'reject';
  id: string;
}

/**
 * The region's users: create them, change their roles and scopes, deactivate them, send them a
 * link to choose their password. Nobody sets a password here, nor changes their own roles.
 */
@Component({
  selector: 'hk-admin-users',
  imports: [
    IsoDatePipe,
    ReactiveFormsModule,
    NgTemplateOutlet,
    TranslocoDirective,
    RoleGrantsEditorComponent,
    ConfirmRowComponent,
    ExportButtonsComponent,
    FormAlertComponent,
    FormCardComponent,
    LoadStateComponent,
    FORM_FIELD,
    TABLE,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [UsersStore],
  styleUrl: './admin-page.scss',
  templateUrl: './users.page.html',
})
export class UsersPage {
  protected readonly store = inject(UsersStore);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  protected readonly mode = signal<Mode>({ kind: 'none' });
  protected readonly grants = signal<RoleGrantInput[]>([]);
  /** A change from the table is on its way. */
  protected readonly busy = signal(false);
  /** What the API said against a change from the table (deactivating, say). */
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  /** What the last action did, announced politely. */
  protected readonly done = signal<{ key: string; name: string } | null>(null);
  protected readonly linkHours = PASSWORD_SETUP_HOURS;
  protected readonly meId = computed(() => this.auth.me()?.id ?? null);
  protected readonly editing = computed(() => {
    const mode = this.mode();
    return mode.kind === 'edit' ? mode.user : null;
  });
  /** The request for access the new user is created from, if any. */
  protected readonly fromRequest = computed(() => {
    const mode = this.mode();
    return mode.kind === 'create' ? mode.request : null;
  });
  protected readonly externalIdMax = EXTERNAL_ID_MAX;
  /** The change from a row that waits for its confirmation. */
  protected readonly confirming = signal<Confirming | null>(null);
  /** The edited user's link to the provider waits for confirmation of its removal. */
  protected readonly unlinking = signal(false);

  protected readonly createForm = this.fb.group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    locale: ['sv' as 'sv' | 'en'],
    externalId: ['', [Validators.maxLength(EXTERNAL_ID_MAX)]],
  });

  protected readonly editForm = this.fb.group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    locale: ['sv' as 'sv' | 'en'],
  });

  protected readonly createSubmission = new FormSubmission({
    form: this.createForm,
    check: () => checkedValue(this.createForm),
    fields: USER_FIELDS,
  });
  protected readonly editSubmission = new FormSubmission({
    form: this.editForm,
    check: () => checkedValue(this.editForm),
    fields: USER_FIELDS,
  });

  private readonly card = viewChild(FormCardComponent);
  private readonly focus = new FocusReturn(this.injector);

  protected readonly exportColumns = perLanguage((t: Translate): ExportColumn<UserDto>[] => [
    { header: t('admin.users.name'), value: (u) => u.name },
    { header: t('admin.users.email'), value: (u) => u.email },
    { header: t('admin.users.language'), value: (u) => t('admin.language.' + u.locale) },
    {
      header: t('admin.users.roles'),
      value: (u) => u.roles.map((r) => this.assignedRole(r, t)).join('; '),
    },
    { header: t('admin.users.status'), value: (u) => t(this.statusKey(u)) },
    {
      header: t('admin.users.signIn'),
      value: (u) =>
        u.externalId === null
          ? ''
          : t('admin.users.signInVia', { provider: this.providerLabel() ?? t('admin.users.theProvider') }),
    },
  ]);

  /** The label of the provider the region's staff sign in through ("SITHS-kort"), if known. */
  protected readonly providerLabel = computed(() => {
    const region = this.auth.me()?.region?.code;
    const methods = this.store.loginMethods.hasValue() ? this.store.loginMethods.value() : undefined;
    return methods?.providers.find((p) => p.region.code === region)?.label ?? null;
  });
  /** How a user linked to the provider signs in: "Inloggning: via SITHS-kort". */
  protected signInVia(t: Translate): string {
    const provider = this.providerLabel() ?? t('admin.users.theProvider');
    return `${t('admin.users.signIn')}: ${t('admin.users.signInVia', { provider })}`;
  }

  protected scopeName = assignmentScopeName;
  protected readonly userClass = (u: UserDto) => (u.active ? '' : 'muted');
  protected readonly byName = (u: UserDto) => u.name;
  protected readonly byEmail = (u: UserDto) => u.email;
  protected readonly statusKey = (u: UserDto) =>
    !u.active
      ? 'admin.users.inactive'
      : u.passwordSet
        ? 'admin.users.active'
        : 'admin.users.awaitingPassword';

  /** Opens the form for a new user; from a request for access, filled in with what the provider said. */
  protected openCreate(request: AccessRequestDto | null = null): void {
    this.createForm.reset({
      name: request?.name ?? '',
      email: request?.email ?? '',
      locale: 'sv',
      externalId: request?.subject ?? '',
    });
    this.grants.set(request ? [...request.proposedRoles] : []);
    this.confirming.set(null);
    this.open({ kind: 'create', request });
  }

  protected openEdit(user: UserDto): void {
    this.editForm.reset({ name: user.name, locale: user.locale });
    // a waiting grant is part of the user's roles to edit: left out, it is withdrawn
    this.grants.set(grantsOf([...user.roles, ...user.pendingRoles]));
    this.open({ kind: 'edit', user });
  }

  /** Closes the form; the focus goes back to the button that opened it, else to what was done. */
  protected close(): void {
    this.mode.set({ kind: 'none' });
    this.unlinking.set(false);
    this.focus.closed(() => this.outcome());
  }

  protected async create(): Promise<void> {
    this.done.set(null);
    const request = this.fromRequest();
    const created = await this.createSubmission.submit((v) =>
      this.store.create(createBody(v, this.grants(), request)),
    );
    if (created) {
      this.done.set({ key: 'created', name: created.name });
      this.close();
      // the request's row, whose button opened the form, is resolved: say what was done instead
      if (request) focusAfterRender(this.injector, () => this.outcome());
    } else if (this.createSubmission.problem()?.code === 'ACCESS_REQUEST_WRONG_STATE') {
      // someone else created the user or dismissed the request: show the requests as they are
      this.store.accessRequests.reload();
    }
  }

  protected isConfirming(kind: Confirming['kind'], id: string): boolean {
    const c = this.confirming();
    return c !== null && c.kind === kind && c.id === id;
  }

  /** Asks to confirm a change from a row; the focus goes to the question, not a button. */
  protected ask(confirming: Confirming): void {
    this.done.set(null);
    this.actionProblem.set(null);
    this.confirming.set(confirming);
  }

  /** Cancels the question; the focus goes back to the button that asked. */
  protected cancelConfirm(): void {
    const c = this.confirming();
    this.confirming.set(null);
    if (c) {
      focusAfterRender(this.injector, () =>
        this.host.querySelector<HTMLElement>(`[data-ask="${c.kind}:${c.id}"]`),
      );
    }
  }

  /** Dismisses the request for access once confirmed: no user is created. */
  protected async dismiss(request: AccessRequestDto): Promise<void> {
    const sent = await this.act(this.store.dismissAccessRequest(request.id), () => ({
      key: 'requestDismissed',
      name: request.name,
    }));
    if (!sent.ok && sent.problem.code === 'ACCESS_REQUEST_WRONG_STATE') this.store.accessRequests.reload();
  }

  /** Asks to confirm removing the edited user's link to the provider's identity. */
  protected askUnlink(): void {
    this.unlinking.set(true);
  }

  protected cancelUnlink(): void {
    this.unlinking.set(false);
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('#unlink'));
  }

  /** Removes the link (it cannot be set again here: decision 024); the form stays open on the new version. */
  protected async unlink(user: UserDto): Promise<void> {
    this.done.set(null);
    this.actionProblem.set(null);
    this.busy.set(true);
    const sent = await send(this.store.update(user.id, { version: user.version, externalId: null }));
    this.busy.set(false);
    this.unlinking.set(false);
    if (!sent.ok) {
      this.actionProblem.set(sent.problem);
      focusAfterRender(this.injector, () => this.outcome());
      return;
    }
    this.mode.set({ kind: 'edit', user: sent.answer });
    this.done.set({ key: 'unlinked', name: sent.answer.name });
    focusAfterRender(this.injector, () => this.card()?.headingRef());
  }

  /** A role held or requested, with its scope named ("Områdeschef – NSO Skellefteå"). */
  protected assignedRole(r: RoleAssignmentDto, t: Translate): string {
    const scope = assignmentScopeName(r);
    return scope ? `${t('admin.role.' + r.role)} – ${scope}` : t('admin.role.' + r.role);
  }

  /** A proposed role with its scope named ("Enhetschef – Hälsocentral Norrböle (120101)"). */
  protected proposedRole(grant: RoleGrantInput, t: Translate): string {
    const scope = scopeName(grant, this.store.units.value(), this.store.areas.value());
    return scope ? `${t('admin.role.' + grant.role)} – ${scope}` : t('admin.role.' + grant.role);
  }

  /** The field's message: an identity already linked to another user is told at the field. */
  protected externalIdError(t: Translate): string | null {
    const problem = this.createSubmission.problem();
    if (problem?.code === 'DUPLICATE_EXTERNAL_ID') return t('admin.users.externalIdTaken');
    return this.error('externalId', t);
  }

  protected async save(user: UserDto): Promise<void> {
    this.done.set(null);
    const saved = await this.editSubmission.submit((v) => {
      const body: UpdateUserRequest = {
        version: user.version,
        ...(v.name.trim() !== user.name && { name: v.name.trim() }),
        ...(v.locale !== user.locale && { locale: v.locale }),
        ...(!sameGrants(this.grants(), grantsOf([...user.roles, ...user.pendingRoles])) && {
          roles: this.grants(),
        }),
      };
      return this.store.update(user.id, body);
    });
    if (saved) {
      this.done.set({ key: 'saved', name: saved.name });
      this.close();
    }
  }

  /** Deactivates (ends the user's sessions; asked first) or reactivates a user, from the table. */
  protected async setActive(user: UserDto, active: boolean): Promise<void> {
    await this.act(this.store.update(user.id, { version: user.version, active }), (answer) => ({
      key: active ? 'activated' : 'deactivated',
      name: answer.name,
    }));
  }

  /** Why the logged-in administrator may not approve a grant, or null when they may. */
  protected approveBlock(r: GrantRequestDto): string | null {
    const me = this.meId();
    return r.user.id === me ? 'forSelf' : r.requestedBy.id === me ? 'own' : null;
  }

  /** Approves (asked first) or rejects a grant waiting for a second administrator. */
  protected async decideGrant(r: GrantRequestDto, outcome: 'approve' | 'reject'): Promise<void> {
    await this.act(this.store.decideGrant(r.id, outcome), () => ({
      key: outcome === 'approve' ? 'grantApproved' : 'grantRejected',
      name: r.user.name,
    }));
  }

  /** Mails the user a new one-time link to choose their password (older links stop working). */
  protected async sendPasswordLink(user: UserDto): Promise<void> {
    await this.act(this.store.sendPasswordLink(user.id), () => ({ key: 'linkSent', name: user.name }));
  }

  /**
   * Sends a change from the table. Its buttons wait meanwhile, so the focus would fall to the
   * page: it goes to the message that says what was done, or what went wrong.
   */
  private async act<T>(
    change: Observable<T>,
    doneOf: (answer: T) => { key: string; name: string },
  ): Promise<Sent<T, never>> {
    this.done.set(null);
    this.actionProblem.set(null);
    this.busy.set(true);
    const sent = await send(change);
    this.busy.set(false);
    this.confirming.set(null);
    if (sent.ok) this.done.set(doneOf(sent.answer));
    else this.actionProblem.set(sent.problem);
    focusAfterRender(this.injector, () => this.outcome());
    return sent;
  }

  /** The message of what the last action did, or of what went wrong with it. */
  private outcome(): HTMLElement | null {
    return this.host.querySelector<HTMLElement>('#users-done, #users-problem');
  }

  /** The submission of the open form. */
  protected submission(): FormSubmission<UserField, unknown> {
    return this.editing() ? this.editSubmission : this.createSubmission;
  }

  /** What is wrong with a field of the open form, or null; `taken` names a value already in use. */
  protected error(field: UserField, t: Translate, taken?: string): string | null {
    const form: AbstractControl = field === 'externalId' || !this.editing() ? this.createForm : this.editForm;
    return fieldError(form.get(field), this.submission().problems()[field], t, taken);
  }

  /** True when the API found fault with the roles (a scope outside the region, say). */
  protected rolesError(): boolean {
    return this.submission().problem()?.status === 400 && this.submission().problems().roles !== undefined;
  }

  /** What the form's alert says: what the API said against it, in the UI's language, unless a field says it. */
  protected alert(t: Translate): string | null {
    const problem = this.submission().problem();
    return problem && !TOLD_AT_FIELD.has(problem.code) ? problemText(problem, t) : null;
  }

  private open(mode: Mode): void {
    this.unlinking.set(false);
    this.done.set(null);
    this.actionProblem.set(null);
    this.createSubmission.clear();
    this.editSubmission.clear();
    this.mode.set(mode);
    this.focus.opened(() => this.card()?.headingRef());
  }
}

/** The body of a new user; from a request for access, it names the request (which is then resolved). */
export function createBody(
  v: { name: string; email: string; locale: 'sv' | 'en'; externalId: string },
  roles: RoleGrantInput[],
  request: AccessRequestDto | null,
): CreateUserRequest {
  const externalId = v.externalId.trim();
  return {
    name: v.name.trim(),
    email: v.email.trim(),
    locale: v.locale,
    roles,
    ...(externalId && { externalId }),
    ...(request && { accessRequestId: request.id }),
  };
}
