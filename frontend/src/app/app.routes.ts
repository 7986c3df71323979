import { Route } from '@angular/router';

import { authGuard, homeRedirect } from './core/auth/auth.guard';

export const appRoutes: Route[] = [
  {
    path: 'login',
    loadComponent: () => import('./features/login/login-page.component').then((m) => m.LoginPageComponent),
    title: 'pageTitle.login',
  },
  {
    path: 'password-setup',
    loadComponent: () =>
      import('./features/password-setup/password-setup.page').then((m) => m.PasswordSetupPage),
    title: 'pageTitle.passwordSetup',
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
      {
        path: 'orders',
        loadChildren: () => import('./features/orders/orders.routes').then((m) => m.ORDERS_ROUTES),
      },
      {
        path: 'dispensations',
        loadChildren: () =>
          import('./features/dispensations/dispensations.routes').then((m) => m.DISPENSATIONS_ROUTES),
      },
      {
        path: 'organisation',
        loadComponent: () => import('./features/org/org-page.component').then((m) => m.OrgPageComponent),
        title: 'pageTitle.organisation',
      },
      {
        path: 'dashboard',
        loadChildren: () => import('./features/dashboard/dashboard.routes').then((m) => m.DASHBOARD_ROUTES),
      },
      {
        path: 'agreement',
        loadChildren: () => import('./features/agreement/agreement.routes').then((m) => m.AGREEMENT_ROUTES),
      },
      {
        path: 'imports',
        loadChildren: () => import('./features/imports/imports.routes').then((m) => m.IMPORTS_ROUTES),
      },
      {
        path: 'purchased-hours',
        loadChildren: () =>
          import('./features/purchased-hours/purchased-hours.routes').then((m) => m.PURCHASED_HOURS_ROUTES),
      },
      {
        path: 'admin',
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: '**',
        loadComponent: () => import('./shared/not-found.component').then((m) => m.NotFoundComponent),
        title: 'pageTitle.notFound',
      },
    ],
  },
];
