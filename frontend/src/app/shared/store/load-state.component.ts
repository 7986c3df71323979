import { ChangeDetectionStrategy, Component, computed, input, Resource } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { ApiProblem, apiProblemOf } from '../forms/api-problem';
import { problemText } from '../forms/problem-text';

/** What the component reads of a resource (`rxResource` or `resource` of a store). */
export type Loadable = Resource<unknown> & { reload(): boolean };

/** Loaded, or loading anew after a change with the last value still shown; not while a failed load is retried. */
function isLoaded(resource: Loadable): boolean {
  const status = resource.status();
  return status === 'resolved' || status === 'local' || (status === 'reloading' && !resource.error());
}

/** Every resource has loaded: the page shows its content (a store's `ready`). */
export function loaded(...resources: Loadable[]): boolean {
  return resources.every(isLoaded);
}

/**
 * What a page says while its data loads: "loading" until every resource has a value, or that
 * loading failed with a button to try again. The page shows its content once the values are there.
 */
@Component({
  selector: 'hk-load-state',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './load-state.component.html',
})
export class LoadStateComponent {
  readonly resources = input.required<readonly Loadable[]>();
  /** Said instead when the API refuses the user the data (403); there is no retry then. */
  readonly forbidden = input<string | null>(null);

  protected readonly state = computed(() => {
    const resources = this.resources();
    if (resources.some((r) => r.isLoading() && !isLoaded(r))) return 'loading';
    const failed = resources.filter((r) => r.status() === 'error');
    if (failed.length === 0) return 'ready';
    const refused = failed.some((r) => apiProblemOf(r.error()).status === 403);
    return refused && this.forbidden() ? 'forbidden' : 'error';
  });

  /**
   * What the API said against loading, when it refused the request itself (a 4xx: a period it
   * does not take, say), worded from its code; null for failures where trying again may help.
   */
  protected readonly refusal = computed<ApiProblem | null>(() => {
    for (const r of this.resources()) {
      if (r.status() !== 'error') continue;
      const problem = apiProblemOf(r.error());
      if (problem.status >= 400 && problem.status < 500 && problem.status !== 408) return problem;
    }
    return null;
  });

  protected readonly problemText = problemText;

  protected retry(): void {
    for (const resource of this.resources()) if (resource.status() === 'error') resource.reload();
  }
}
