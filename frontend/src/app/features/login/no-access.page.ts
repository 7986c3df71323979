import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ApiPath, apiUrl, type NoAccessDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { ApiProblem, apiProblemOf } from '../../shared/forms/api-problem';
import { problemText } from '../../shared/forms/problem-text';

/**
 * Where the API sends someone who signed in at the region's identity provider but has no access
 * here (`/login/no-access?ref=…`, public): who they signed in as, and which administrators have
 * their request, or that their account is deactivated. The `ref` is short-lived; once it is gone
 * the page says so and links back to the login page.
 */
@Component({
  selector: 'hk-no-access-page',
  imports: [RouterLink, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './login-page.component.scss',
  templateUrl: './no-access.page.html',
})
export class NoAccessPage {
  private readonly http = inject(HttpClient);

  /** The API's short-lived reference to the sign-in. */
  readonly ref = input<string>();

  protected readonly state = signal<'checking' | 'shown' | 'gone' | 'failed'>('checking');
  protected readonly info = signal<NoAccessDto | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly problemText = problemText;

  constructor() {
    effect(() => {
      const ref = this.ref();
      untracked(() => void this.load(ref));
    });
  }

  private async load(ref: string | undefined): Promise<void> {
    if (!ref) {
      this.state.set('gone');
      return;
    }
    this.state.set('checking');
    try {
      const params = new HttpParams().set('ref', ref);
      this.info.set(
        await firstValueFrom(this.http.get<NoAccessDto>(apiUrl(ApiPath.authNoAccess), { params })),
      );
      this.state.set('shown');
    } catch (error) {
      const problem = apiProblemOf(error);
      this.problem.set(problem);
      this.state.set(problem.status === 404 || problem.status === 400 ? 'gone' : 'failed');
    }
  }
}
