import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiPath, apiUrl, CSRF_HEADER } from '@hyrkoll/contracts';
import { catchError, throwError } from 'rxjs';

import { AuthStore } from './auth.store';
import { returnUrlFrom } from './return-url';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Adds the CSRF token to every state-changing API request, and sends the user to the login
 * page, back to where they were afterwards, when the API says the session has ended.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const token = auth.csrfToken();
  const outgoing =
    token && !SAFE.has(request.method) && request.url.startsWith('/api/')
      ? request.clone({ setHeaders: { [CSRF_HEADER]: token } })
      : request;
  return next(outgoing).pipe(
    catchError((error: unknown) => {
      const sessionCheck =
        request.url === apiUrl(ApiPath.authMe) || request.url === apiUrl(ApiPath.authLogin);
      if (error instanceof HttpErrorResponse && error.status === 401 && !sessionCheck) {
        auth.sessionEnded();
        // several requests may fail this way: the first sends the user to the login page, the
        // others find them there (or on the way) and keep the page they came from
        const going = router.currentNavigation()?.extractedUrl.toString() ?? '';
        if (!router.url.startsWith('/login') && !going.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: { returnUrl: returnUrlFrom(router.url), expired: 1 },
          });
        }
      }
      return throwError(() => error);
    }),
  );
};
