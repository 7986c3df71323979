import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { problemText } from '../../shared/forms/problem-text';

/** Only paths inside the app are followed after login; anything else goes to the start page. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
}

@Component({
  selector: 'hk-login-page',
  imports: [ReactiveFormsModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './login-page.component.scss',
  templateUrl: './login-page.component.html',
})
export class LoginPageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Where to go after logging in (set by the guard); only paths inside the app are followed. */
  readonly returnUrl = input<string | undefined>();
  /** Set when the session ended while the user was working. */
  readonly expired = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  /** Why the login failed, worded from the API's code (wrong password, too many tries, locked). */
  protected readonly error = signal<ApiProblem | null>(null);
  protected readonly problemText = problemText;

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
