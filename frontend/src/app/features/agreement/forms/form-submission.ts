import { inject, Injector, Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { firstValueFrom, Observable } from 'rxjs';

import { firstInvalid, focusAfterRender } from './focus';
import type { FormAlert } from './problem-messages.component';
import { alertFor, Checked, FieldProblem, FieldProblems, readApiError } from './problems';

export interface FormSubmissionOptions<F extends string, B> {
  /** Checks the form's values: the body of the request, or the problem of each field. */
  check: () => Checked<F, B>;
  /** The fields of the form, to which the API's details are matched. */
  fields: readonly F[];
  /** What a 409 that names a field means on this form (see `readApiError`). */
  conflict?: FieldProblem;
  /** The element around the form's fields, where the first field to fix is looked for. */
  element: () => HTMLElement | null | undefined;
  /** The form's changes: once the user has tried to send, the problems follow what they type. */
  changes?: Observable<unknown>;
  /** Whether the fields the API refused get the focus too, as those the browser's checks find do. */
  focusApiProblems?: boolean;
}

/** What a form shows of its submission: the problem of each field, the alert, whether it is busy. */
export interface SubmissionState<F extends string> {
  readonly problems: Signal<FieldProblems<F>>;
  readonly alert: Signal<FormAlert | null>;
  readonly busy: Signal<boolean>;
}

/**
 * Sending a form whose values are checked in the browser first: the problem of each field, the
 * alert above the form's button and whether the request is on its way. Create it while the page
 * is being created.
 */
export class FormSubmission<F extends string, B> implements SubmissionState<F> {
  readonly problems = signal<FieldProblems<F>>({});
  readonly alert = signal<FormAlert | null>(null);
  readonly busy = signal(false);
  private readonly injector = inject(Injector);
  private tried = false;

  constructor(private readonly options: FormSubmissionOptions<F, B>) {
    options.changes?.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.tried) {
        const checked = options.check();
        this.problems.set(checked.ok ? {} : checked.problems);
      }
    });
  }

  /**
   * Checks the form and, when its values pass, sends the body with `send`. `sent` takes the
   * answer before the form is ready for the next request. What is refused, by the checks or by
   * the API, is shown at the fields and in the alert.
   */
  async submit<T>(
    send: (body: B) => Observable<T>,
    sent: (answer: T, body: B) => void | Promise<void>,
  ): Promise<void> {
    this.tried = true;
    this.alert.set(null);
    const checked = this.options.check();
    if (!checked.ok) {
      this.problems.set(checked.problems);
      this.alert.set('form');
      this.focusFirstInvalid();
      return;
    }
    this.problems.set({});
    this.busy.set(true);
    try {
      const answer = await firstValueFrom(send(checked.body));
      this.tried = false;
      await sent(answer, checked.body);
    } catch (error) {
      const problem = readApiError(error, this.options.fields, this.options.conflict);
      this.problems.set(problem.fields);
      this.alert.set(alertFor(problem));
      if (this.options.focusApiProblems ?? true) this.focusFirstInvalid();
    } finally {
      this.busy.set(false);
    }
  }

  private focusFirstInvalid(): void {
    focusAfterRender(this.injector, () => firstInvalid(this.options.element()));
  }
}
