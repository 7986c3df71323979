import { HttpBackend, HttpXhrBackend, provideHttpClient, withInterceptors } from '@angular/common/http';
import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

import { authInterceptor } from '../../core/auth/auth.interceptor';
import { ImportsApi } from './imports.api';

export const IMPORTS_ROUTES: Route[] = [
  {
    path: '',
    loadComponent: () => import('./imports.page').then((m) => m.ImportsPage),
    title: 'pageTitle.imports',
    providers: [
      provideTranslocoScope('imports'),
      // The app's HttpClient uses fetch, which cannot report upload progress: this page's
      // requests go through XMLHttpRequest instead, with the same interceptor (CSRF, session).
      provideHttpClient(withInterceptors([authInterceptor])),
      { provide: HttpBackend, useExisting: HttpXhrBackend },
      ImportsApi,
    ],
  },
];
