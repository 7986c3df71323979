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
  styles: `
    @page {
      size: A4;
      margin: 15mm 15mm 16mm;
    }
    @media print {
      html:has(hk-board-report),
      html:has(hk-board-report) body {
        background: #fff;
      }
      body:has(hk-board-report) .topbar,
      body:has(hk-board-report) .footer,
      body:has(hk-board-report) .skip-link {
        display: none !important;
      }
      body:has(hk-board-report) main {
        max-width: none;
        margin: 0;
        padding: 0;
      }
    }
  `,
})
export class ReportPrintFrameComponent {}
