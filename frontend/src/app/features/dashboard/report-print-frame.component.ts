import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';

/**
 * Page setup of the printed board report: A4 with margins, and none of the application's
 * chrome (top bar, skip link, footer) on paper. Global on purpose (the chrome lives outside the
 * report), but every rule only applies while a board report is on the page.
 */
@Component({
  selector: 'hk-report-print-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: '',
  styleUrl: './report-print-frame.component.scss',
})
export class ReportPrintFrameComponent {}
