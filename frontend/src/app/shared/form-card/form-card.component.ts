import {
  afterNextRender,
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';

import type { ApiProblem } from '../forms/api-problem';
import { firstInvalid } from '../forms/focus';
import { FormAlertComponent } from '../forms/form-alert.component';
import type { SubmissionView } from '../forms/form-submission';

/**
 * A form to create or change something, in a card: its heading (naming the card's region), the
 * fields (projected; bind them with `[formControl]="form.controls.x"`, since the form element is
 * the card's), the alert of what went wrong, and the buttons. After each failed try the focus
 * goes to the first field marked `aria-invalid`, else to the alert.
 */
@Component({
  selector: 'hk-form-card',
  imports: [ReactiveFormsModule, FormAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './form-card.component.html',
  styleUrl: './form-card.component.scss',
})
export class FormCardComponent {
  /** Unique on the page: the heading's id is `<cardId>-heading`. */
  readonly cardId = input.required<string>();
  readonly heading = input.required<string>();
  /** The heading's level in the page's outline. */
  readonly level = input<2 | 3>(3);
  readonly intro = input<string | null>(null);
  readonly submission = input.required<Pick<SubmissionView<string>, 'form' | 'busy' | 'failures'>>();
  /** What went wrong with the whole form, announced; null when nothing did. */
  readonly alert = input<string | null>(null);
  /** What the API said against the form, worded by its code when `alert` is null. */
  readonly problem = input<ApiProblem | null>(null);
  readonly submitLabel = input.required<string>();
  /** Without it, the card has no cancel button. */
  readonly cancelLabel = input<string | null>(null);
  /** Fields and button on one line, the alert under them (a short query rather than a record). */
  readonly inline = input(false, { transform: booleanAttribute });
  readonly save = output<void>();
  readonly cancelled = output<void>();

  private readonly headingElement = viewChild<ElementRef<HTMLElement>>('headingElement');
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  constructor() {
    const injector = inject(Injector);
    effect(() => {
      if (this.submission().failures() === 0) return;
      untracked(() => afterNextRender(() => this.problemToFocus()?.focus(), { injector }));
    });
  }

  /**
   * Where the focus goes after a failed try (the submit button waited meanwhile, and the focus fell
   * from it): the first field marked invalid, else the alert of what went wrong, else the heading.
   */
  private problemToFocus(): HTMLElement | null | undefined {
    return (
      firstInvalid(this.host) ??
      this.host.querySelector<HTMLElement>('hk-form-alert [role="alert"]') ??
      this.headingRef()
    );
  }

  /** The heading, focusable from script: a panel that opens moves the focus there. */
  headingRef(): HTMLElement | undefined {
    return this.headingElement()?.nativeElement;
  }
}
