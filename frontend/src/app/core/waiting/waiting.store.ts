import { HttpClient, HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { ApiPath, apiUrl, WaitingCounts } from '@hyrkoll/contracts';
import { catchError, filter, of, tap } from 'rxjs';

import { AuthStore } from '../auth/auth.store';

const NONE: WaitingCounts = { dispensationsToDecide: 0, ordersToPublish: 0, ordersWithBids: 0 };

/**
 * What waits for the logged-in user, for the navigation's counts: read once logged in, again on
 * every move to another page, and after every change the user makes to an order or a
 * dispensation (`waitingInterceptor`). A
 * failed read shows no count rather than an error: the lists themselves say what waits.
 */
@Injectable({ providedIn: 'root' })
export class WaitingStore {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly asked = signal(0);
  readonly counts = rxResource({
    params: () => (this.auth.loggedIn() ? { user: this.auth.me()?.id, asked: this.asked() } : undefined),
    stream: () => this.http.get<WaitingCounts>(apiUrl(ApiPath.meWaiting)).pipe(catchError(() => of(NONE))),
    defaultValue: NONE,
  });

  constructor() {
    // what others did (a new request, a decision) shows when the user moves to another page
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => this.refresh());
  }

  refresh(): void {
    this.asked.update((n) => n + 1);
  }
}

const CHANGES = [apiUrl(ApiPath.orders), apiUrl(ApiPath.dispensations)];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** After a change to an order or a dispensation succeeds, the navigation's counts load anew. */
export const waitingInterceptor: HttpInterceptorFn = (request, next) => {
  const isChange = !SAFE.has(request.method) && CHANGES.some((path) => request.url.startsWith(path));
  if (!isChange) return next(request);
  const waiting = inject(WaitingStore);
  return next(request).pipe(
    tap((event) => {
      if (event instanceof HttpResponse && event.ok) waiting.refresh();
    }),
  );
};
