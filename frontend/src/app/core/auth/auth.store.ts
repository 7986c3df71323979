import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { ApiPath, apiUrl, LoginRequest, MeDto, Permission } from '@hyrkoll/contracts';
import { firstValueFrom } from 'rxjs';

/** The logged-in user, as the API knows it; `undefined` until the first check has answered. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly current = signal<MeDto | null | undefined>(undefined);

  readonly me = this.current.asReadonly();
  readonly loggedIn = computed(() => Boolean(this.current()));
  readonly csrfToken = computed(() => this.current()?.csrfToken ?? null);

  /** Asks the API who is logged in (once); resolves with the user or null. */
  async ensureLoaded(): Promise<MeDto | null> {
    const known = this.current();
    if (known !== undefined) return known;
    try {
      const me = await firstValueFrom(this.http.get<MeDto>(apiUrl(ApiPath.authMe)));
      this.current.set(me);
      return me;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.current.set(null);
        return null;
      }
      throw error;
    }
  }

  async login(request: LoginRequest): Promise<MeDto> {
    const me = await firstValueFrom(this.http.post<MeDto>(apiUrl(ApiPath.authLogin), request));
    this.current.set(me);
    return me;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(apiUrl(ApiPath.authLogout), {}));
    } finally {
      this.current.set(null);
    }
  }

  /** Forgets the user after the API said the session is gone (expired, logged out elsewhere). */
  sessionEnded(): void {
    this.current.set(null);
  }

  can(permission: Permission): boolean {
    return this.current()?.permissions.includes(permission) ?? false;
  }
}
