import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  LocaleRequest,
  LoginRequest,
  LogoutDto,
  MeDto,
  Permission,
  Role,
  ROLE_PERMISSIONS,
  ROLES,
} from '@hyrkoll/contracts';
import { firstValueFrom } from 'rxjs';

import type { Language } from '../i18n/languages';

const ROLE_STORAGE_PREFIX = 'hyrkoll.role.';

/** Where each role starts its day. */
const HOME_OF_ROLE: Record<Role, string> = {
  UNIT_MANAGER: '/orders',
  AREA_CHIEF: '/dispensations',
  HEALTHCARE_DIRECTOR: '/dispensations',
  PURCHASER: '/orders',
  STEERING_GROUP: '/dashboard',
  ADMINISTRATOR: '/admin',
};

/**
 * The logged-in user, as the API knows it; `undefined` until the first check has answered.
 *
 * A user with several roles works in one of them at a time (the active role): navigation and
 * actions follow that role's permissions. The API still checks every request against all of the
 * user's grants and scopes; the active role only focuses the interface.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly current = signal<MeDto | null | undefined>(undefined);
  private readonly chosenRole = signal<Role | null>(null);

  readonly me = this.current.asReadonly();
  readonly loggedIn = computed(() => Boolean(this.current()));
  readonly csrfToken = computed(() => this.current()?.csrfToken ?? null);
  /** The user's distinct roles, in the product's order of roles. */
  readonly roles = computed(() => {
    const held = new Set(this.current()?.roles.map((r) => r.role) ?? []);
    return ROLES.filter((r) => held.has(r));
  });
  readonly activeRole = computed(() => {
    const chosen = this.chosenRole();
    const roles = this.roles();
    return chosen && roles.includes(chosen) ? chosen : (roles[0] ?? null);
  });
  /** The first page of the active role. */
  readonly home = computed(() => {
    const role = this.activeRole();
    return role ? HOME_OF_ROLE[role] : '/organisation';
  });

  /** Works as another of the user's roles from now on (remembered in this browser). */
  useRole(role: Role): void {
    const me = this.current();
    if (!me || !this.roles().includes(role)) return;
    this.chosenRole.set(role);
    try {
      localStorage.setItem(ROLE_STORAGE_PREFIX + me.id, role);
    } catch {
      // not remembered across visits; nothing else to do
    }
  }

  private setUser(me: MeDto | null): void {
    this.current.set(me);
    let remembered: string | null = null;
    try {
      remembered = me ? localStorage.getItem(ROLE_STORAGE_PREFIX + me.id) : null;
    } catch {
      remembered = null;
    }
    this.chosenRole.set(
      (ROLES as readonly string[]).includes(remembered ?? '') ? (remembered as Role) : null,
    );
  }

  /** Asks the API who is logged in (once); resolves with the user or null. */
  async ensureLoaded(): Promise<MeDto | null> {
    const known = this.current();
    if (known !== undefined) return known;
    try {
      const me = await firstValueFrom(this.http.get<MeDto>(apiUrl(ApiPath.authMe)));
      this.setUser(me);
      return me;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.setUser(null);
        return null;
      }
      throw error;
    }
  }

  async login(request: LoginRequest): Promise<MeDto> {
    const me = await firstValueFrom(this.http.post<MeDto>(apiUrl(ApiPath.authLogin), request));
    this.setUser(me);
    return me;
  }

  /** Stores the language on the user, so that it follows them to any browser (and their e-mails). */
  async saveLanguage(locale: Language): Promise<void> {
    const body: LocaleRequest = { locale };
    await firstValueFrom(this.http.put<void>(apiUrl(ApiPath.authMeLocale), body));
    this.current.update((me) => (me ? { ...me, locale } : me));
  }

  /**
   * Ends the session here; resolves with the identity provider's end-session address when the
   * session came from a sign-in there (the browser goes there next to end that one too), else null.
   */
  async logout(): Promise<string | null> {
    try {
      const answer = await firstValueFrom(this.http.post<LogoutDto | null>(apiUrl(ApiPath.authLogout), {}));
      return answer?.providerLogoutUrl ?? null;
    } finally {
      this.setUser(null);
    }
  }

  /** Forgets the user after the API said the session is gone (expired, logged out elsewhere). */
  sessionEnded(): void {
    this.setUser(null);
  }

  /** Whether the active role may do this (and the user really holds the permission). */
  can(permission: Permission): boolean {
    const role = this.activeRole();
    const held = this.current()?.permissions.includes(permission) ?? false;
    return held && (role === null || ROLE_PERMISSIONS[role].includes(permission));
  }
}
