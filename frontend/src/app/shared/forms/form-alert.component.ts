import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import type { ApiProblem } from './api-problem';
import { problemText } from './problem-text';

/**
 * What went wrong with a whole form or change, announced at once: the page's own `text`, else
 * the API's `problem` worded from its code in the UI's language (never the API's English message).
 */
@Component({
  selector: 'hk-form-alert',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './form-alert.component.html',
})
export class FormAlertComponent {
  /** The page's own words; they win over `problem`. Nothing is shown while both are null. */
  readonly text = input<string | null>(null);
  /** What the API said, worded by its code. */
  readonly problem = input<ApiProblem | null>(null);
  /** The page's labels of the API's field paths, to name the fields of a refusal (`problemText`). */
  readonly labels = input<Readonly<Record<string, string>> | undefined>(undefined);

  protected readonly problemText = problemText;
}
