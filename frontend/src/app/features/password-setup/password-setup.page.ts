import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  ApiPath,
  apiUrl,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PasswordSetupInfoDto,
  PasswordSetupRequest,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { focusAfterRender } from '../../shared/forms/focus';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import { problemText } from '../../shared/forms/problem-text';
import type { Translate } from '../../shared/translate';

/** The repeated password must be the same as the first. */
function sameAsPassword(control: AbstractControl): ValidationErrors | null {
  const password = control.parent?.get('password')?.value as string | undefined;
  return control.value === password ? null : { mismatch: true };
}

/**
 * The page of a one-time password-setup link (`/password-setup#<token>`): the user chooses their
 * own password. The token is read from the fragment, which no server sees, and taken out of the
 * address bar at once, so that neither the history nor a screenshot keeps it.
 */
@Component({
  selector: 'hk-password-setup-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../login/login-page.component.scss',
  templateUrl: './password-setup.page.html',
})
export class PasswordSetupPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private token = '';

  protected readonly min = MIN_PASSWORD_LENGTH;
  protected readonly max = MAX_PASSWORD_LENGTH;
  protected readonly info = signal<PasswordSetupInfoDto | null>(null);
  /** Why the link cannot be used, or why the password was not saved. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly state = signal<'checking' | 'open' | 'invalid' | 'done'>('checking');
  protected readonly busy = signal(false);
  protected readonly problemText = problemText;

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(MIN_PASSWORD_LENGTH),
        Validators.maxLength(MAX_PASSWORD_LENGTH),
      ],
    ],
    repeat: ['', [Validators.required, sameAsPassword]],
  });

  constructor() {
    this.form.controls.password.valueChanges.subscribe(() =>
      this.form.controls.repeat.updateValueAndValidity({ emitEvent: false }),
    );
  }

  ngOnInit(): void {
    void this.open();
  }

  /** Reads the token and asks whose link it is. */
  private async open(): Promise<void> {
    this.token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    if (window.location.hash) history.replaceState(history.state, '', window.location.pathname);
    if (!this.token) {
      this.state.set('invalid');
      return;
    }
    try {
      const info = await firstValueFrom(
        this.http.post<PasswordSetupInfoDto>(apiUrl(ApiPath.passwordSetupCheck), { token: this.token }),
      );
      this.info.set(info);
      this.state.set('open');
    } catch (error) {
      this.problem.set(apiProblemOf(error));
      this.state.set('invalid');
    }
  }

  /** The message of a field that is wrong, once the user has left it or tried to save. */
  protected fieldText(field: 'password' | 'repeat', t: Translate): string | null {
    const control = this.form.controls[field];
    if (!control.touched || control.valid) return null;
    const key = control.hasError('required')
      ? field === 'password'
        ? 'required'
        : 'repeatRequired'
      : control.hasError('minlength')
        ? 'tooShort'
        : control.hasError('maxlength')
          ? 'tooLong'
          : 'mismatch';
    return t(`passwordSetup.error.${key}`, { min: this.min, max: this.max });
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    const body: PasswordSetupRequest = { token: this.token, password: this.form.controls.password.value };
    try {
      await firstValueFrom(this.http.post<void>(apiUrl(ApiPath.passwordSetup), body));
      this.token = '';
      this.form.reset();
      this.state.set('done');
    } catch (error) {
      this.problem.set(apiProblemOf(error));
    } finally {
      this.busy.set(false);
    }
    // the button waited meanwhile and the focus fell from it: it goes to what the answer says
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('#ps-done, #ps-problem'));
  }
}
