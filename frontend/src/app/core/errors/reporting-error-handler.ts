import { HttpClient } from '@angular/common/http';
import { ErrorHandler, inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, CLIENT_ERROR_MAX_BYTES, ClientErrorReport } from '@hyrkoll/contracts';

const MAX_REPORTS_PER_PAGE = 20;

const bytesOf = (report: ClientErrorReport) => new TextEncoder().encode(JSON.stringify(report)).length;

/**
 * The report of an error, within the API's limit of CLIENT_ERROR_MAX_BYTES: the stack is
 * shortened first, then the message (the path is cut at 500 characters).
 */
export function reportOf(error: unknown, path: string): ClientErrorReport {
  const report: ClientErrorReport = {
    message: String(error instanceof Error ? error.message : error).slice(0, 2000) || 'unknown error',
    url: path.slice(0, 500),
    ...(error instanceof Error && error.stack ? { stack: error.stack.slice(0, CLIENT_ERROR_MAX_BYTES) } : {}),
  };
  for (const field of ['stack', 'message'] as const) {
    while (bytesOf(report) > CLIENT_ERROR_MAX_BYTES && (report[field]?.length ?? 0) > 1) {
      const text = report[field] as string;
      // a character takes up to 3 bytes of UTF-8 (more when JSON escapes it): cut a third of the excess
      const over = bytesOf(report) - CLIENT_ERROR_MAX_BYTES;
      report[field] = text.slice(0, Math.max(1, text.length - Math.max(Math.ceil(over / 3), 16)));
    }
  }
  return report;
}

/** Logs unexpected errors to the console and reports them to the server (a few per page). */
@Injectable()
export class ReportingErrorHandler implements ErrorHandler {
  private readonly http = inject(HttpClient);
  private sent = 0;

  handleError(error: unknown): void {
    console.error(error);
    if (this.sent >= MAX_REPORTS_PER_PAGE) return;
    this.sent++;
    const report = reportOf(error, location.pathname);
    this.http.post(apiUrl(ApiPath.clientErrors), report).subscribe({ error: () => undefined });
  }
}
