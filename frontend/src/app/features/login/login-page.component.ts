import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ApiPath, apiUrl, type LoginMethodsDto, type LoginProviderDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { PageLocation } from '../../core/auth/page-location';
import { TranslatedTitleStrategy } from '../../core/title/translated-title.strategy';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { problemText } from '../../shared/forms/problem-text';
import type { Translate } from '../../shared/translate';
import { providersFor, ssoMessageOf, ssoStartUrl } from './login-methods';

/** Only paths inside the app are followed after login; anything else goes to the start page. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
}

/**
 * The login page: a button per region that signs its staff in through its identity provider
 * (`GET /api/auth/methods`), and e-mail and password where the deployment allows them. At
 * `/login/<region>` only that region's sign-in is offered. When the methods cannot be read the
 * password form is shown, as before single sign-on.
 */
@Component({
  selector: 'hk-login-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './login-page.component.scss',
  templateUrl: './login-page.component.html',
})
export class LoginPageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly http = inject(HttpClient);
  private readonly page = inject(PageLocation);
  private readonly titles = inject(TranslatedTitleStrategy);

  /** Where to go after logging in (set by the guard); only paths inside the app are followed. */
  readonly returnUrl = input<string | undefined>();
  /** Set when the session ended while the user was working. */
  readonly expired = input<string>();
  /** Why a sign-in through the identity provider ended here (`?sso=stale|cancelled|failed|unavailable`). */
  readonly sso = input<string>();
  /** The region code of `/login/<region>`: only its sign-in is offered. */
  readonly region = input<string>();

  /** The ways in, once read; null while reading and when they could not be read. */
  protected readonly methods = signal<LoginMethodsDto | null>(null);
  protected readonly methodsState = signal<'loading' | 'loaded' | 'failed'>('loading');
  /** The region chosen in the select, when several regions sign in here. */
  protected readonly chosenRegion = signal('');

  protected readonly providers = computed(() => providersFor(this.methods(), this.region()));
  protected readonly chosenProvider = computed(() => {
    const providers = this.providers();
    return providers.length === 1
      ? providers[0]
      : (providers.find((p) => p.region.code === this.chosenRegion()) ?? null);
  });
  /** E-mail and password are offered: the deployment allows them, or the methods are unknown. */
  protected readonly passwordShown = computed(
    () =>
      this.methodsState() === 'failed' ||
      (this.methodsState() === 'loaded' && (this.methods()?.password ?? false)),
  );
  protected readonly ssoMessage = computed(() => ssoMessageOf(this.sso()));

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  /** Why the login failed, worded from the API's code (wrong password, too many tries, locked). */
  protected readonly error = signal<ApiProblem | null>(null);
  protected readonly problemText = problemText;

  constructor() {
    void this.loadMethods();
    // the tab names the region whose sign-in the page offers
    effect(() => {
      const region = this.region() ? this.providers()[0]?.region.name : undefined;
      if (region) untracked(() => this.titles.showRecord('pageTitle.loginRegionOf', { region }));
    });
  }

  private async loadMethods(): Promise<void> {
    try {
      this.methods.set(await firstValueFrom(this.http.get<LoginMethodsDto>(apiUrl(ApiPath.authMethods))));
      this.methodsState.set('loaded');
    } catch {
      // an API without single sign-on (or not answering): the password form, as before
      this.methodsState.set('failed');
    }
  }

  /** The provider named in the sign-in message: the one offered, else a general name. */
  protected providerName(t: Translate): string {
    return this.chosenProvider()?.label ?? t('login.theProvider');
  }

  protected chooseRegion(event: Event): void {
    this.chosenRegion.set((event.target as HTMLSelectElement).value);
  }

  /** Goes to the region's identity provider; the API brings the person back to where they were going. */
  protected signInWith(provider: LoginProviderDto): void {
    this.page.assign(ssoStartUrl(provider, safeReturnUrl(this.returnUrl())));
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(apiProblemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
