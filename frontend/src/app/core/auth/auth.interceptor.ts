import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiPath, apiUrl, CSRF_HEADER } from '@hyrkoll/contracts';
import { catchError, throwError } from 'rxjs';

import { AuthStore } from './auth.store';

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
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url, expired: 1 } });
      }
      return throwError(() => error);
    }),
  );
};
