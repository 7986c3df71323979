import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A change that failed as a whole, announced at once: what it means, and the API's own words. */
@Component({
  selector: 'hk-problem-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="notice notice--error" role="alert">
      {{ text() }}
      @if (apiMessage(); as message) {
        <span lang="en">({{ message }})</span>
      }
    </p>
  `,
})
export class ProblemNoticeComponent {
  readonly text = input.required<string>();
  /** The API's message (English), shown after the text. */
  readonly apiMessage = input<string | null>(null);
}
