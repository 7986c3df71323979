import { HttpClient } from '@angular/common/http';
import { ErrorHandler, inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, ClientErrorReport } from '@hyrkoll/contracts';

const MAX_REPORTS_PER_PAGE = 20;

/** Logs unexpected errors to the console and reports them to the server (a few per page). */
@Injectable()
export class ReportingErrorHandler implements ErrorHandler {
  private readonly http = inject(HttpClient);
  private sent = 0;

  handleError(error: unknown): void {
    console.error(error);
    if (this.sent >= MAX_REPORTS_PER_PAGE) return;
    this.sent++;
    const report: ClientErrorReport = {
      message: String(error instanceof Error ? error.message : error).slice(0, 2000) || 'unknown error',
      url: location.pathname.slice(0, 2000),
      ...(error instanceof Error && error.stack ? { stack: error.stack.slice(0, 20000) } : {}),
    };
    this.http.post(apiUrl(ApiPath.clientErrors), report).subscribe({ error: () => undefined });
  }
}
