import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

/**
 * A question asked in place of the buttons of a row (or of a part of a form) before a change that
 * is hard to undo: the question, the button that does it and one that cancels (Escape cancels too).
 * The focus goes to the question when it is shown, not to a button, so that no second Enter decides
 * by accident. The page returns the focus to the button that asked when it is cancelled.
 */
@Component({
  selector: 'hk-confirm-row',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  template: `
    <div
      class="row-actions"
      role="group"
      [attr.aria-labelledby]="questionId()"
      (keydown.escape)="cancelled.emit()"
    >
      <span #questionElement [id]="questionId()" tabindex="-1">{{ question() }}</span>
      <button type="button" [disabled]="busy()" (click)="confirmed.emit()">{{ confirmLabel() }}</button>
      <button type="button" class="secondary" (click)="cancelled.emit()">{{ cancelLabel() }}</button>
    </div>
  `,
})
export class ConfirmRowComponent {
  /** Unique on the page. */
  readonly questionId = input.required<string>();
  readonly question = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly cancelLabel = input.required<string>();
  /** The change is on its way: the confirming button waits. */
  readonly busy = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  private readonly questionRef = viewChild.required<ElementRef<HTMLElement>>('questionElement');

  constructor() {
    afterNextRender(() => this.questionRef().nativeElement.focus());
  }
}
