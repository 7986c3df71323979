import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What went wrong with a whole form or change, announced at once; the API's own words after it. */
@Component({
  selector: 'hk-form-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './form-alert.component.html',
})
export class FormAlertComponent {
  /** Nothing is shown while it is null. */
  readonly text = input<string | null>(null);
  /** The API's message (English), shown after the text. */
  readonly apiMessage = input<string | null>(null);
}
