import { Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormGroup } from '@angular/forms';
import { firstValueFrom, Observable } from 'rxjs';

import { ApiProblem, Checked, FieldProblems, ProblemReading, readServerProblem } from './form-problem';

/** The API's answer to a change, or what it said against the change (and at which of the form's fields). */
export type Sent<T, F extends string> =
  { ok: true; answer: T } | { ok: false; problem: ApiProblem; fields: FieldProblems<F> };

/** Sends a change and reads a refusal for the fields of `reading` (none for a button in a row). */
export async function send<T, F extends string = never>(
  change: Observable<T>,
  reading: ProblemReading<F> = { fields: [] },
): Promise<Sent<T, F>> {
  try {
    return { ok: true, answer: await firstValueFrom(change) };
  } catch (error) {
    return { ok: false, ...readServerProblem(error, reading) };
  }
}

/** What a form shows of its submission. */
export interface SubmissionView<F extends string> {
  readonly form: FormGroup;
  readonly busy: Signal<boolean>;
  readonly problems: Signal<FieldProblems<F>>;
  readonly problem: Signal<ApiProblem | null>;
  readonly invalid: Signal<boolean>;
  readonly failures: Signal<number>;
}

export interface FormSubmissionOptions<F extends string, B> extends ProblemReading<F> {
  /** The form: its changes clear what the API said and, after a try, check the values again. */
  form: FormGroup;
  /** The body to send, or the problem of each field (`checkedValue(form)` for the form's validators). */
  check: () => Checked<NoInfer<F>, B>;
}

/**
 * Sending a form: the problem of each field (the browser's checks once the user has tried to
 * send, or the API's answer to the values sent), what the API said, whether the request is on
 * its way. `hk-form-card` shows it and moves the focus to the first problem after each failure.
 * Create it while the page is being created.
 */
export class FormSubmission<F extends string, B> implements SubmissionView<F> {
  readonly busy = signal(false);
  readonly problems = signal<FieldProblems<F>>({});
  /** What the API said against the values sent; cleared when they change. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The values the user tried to send do not pass the checks. */
  readonly invalid = signal(false);
  /** How often sending failed, in the browser or at the API. */
  readonly failures = signal(0);
  readonly form: FormGroup;
  private tried = false;

  constructor(private readonly options: FormSubmissionOptions<F, B>) {
    this.form = options.form;
    options.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.problem()) this.problem.set(null);
      const checked = this.tried ? options.check() : null;
      this.problems.set(checked && !checked.ok ? checked.problems : {});
      this.invalid.set(checked !== null && !checked.ok);
    });
  }

  /** Checks the values and sends the body; the API's answer, or null when the values or the API refused. */
  async submit<T>(sendBody: (body: B) => Observable<T>): Promise<T | null> {
    this.tried = true;
    this.problem.set(null);
    const checked = this.options.check();
    this.problems.set(checked.ok ? {} : checked.problems);
    this.invalid.set(!checked.ok);
    if (!checked.ok) {
      this.failures.update((n) => n + 1);
      return null;
    }
    this.busy.set(true);
    const sent = await send(sendBody(checked.body), this.options);
    this.busy.set(false);
    if (sent.ok) {
      this.tried = false;
      return sent.answer;
    }
    this.problem.set(sent.problem);
    this.problems.set(sent.fields);
    this.failures.update((n) => n + 1);
    return null;
  }

  /** Forgets the problems and the try, for a form opened anew. */
  clear(): void {
    this.tried = false;
    this.problem.set(null);
    this.problems.set({});
    this.invalid.set(false);
  }
}
