import { Route } from '@angular/router';

import { authGuard, homeRedirect } from './core/auth/auth.guard';
import { gated } from './core/auth/route-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    loadComponent: () => import('./features/login/login-page.component').then((m) => m.LoginPageComponent),
    title: 'pageTitle.login',
  },
  {
    // the page after a sign-in at the region's provider by someone without access (public)
    path: 'login/no-access',
    loadComponent: () => import('./features/login/no-access.page').then((m) => m.NoAccessPage),
    title: 'pageTitle.noAccess',
  },
  {
    // one region's sign-in, e.g. /login/24
    path: 'login/:region',
    loadComponent: () => import('./features/login/login-page.component').then((m) => m.LoginPageComponent),
    title: 'pageTitle.loginRegion',
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
      ...gated(
        {
          path: 'orders',
          loadChildren: () => import('./features/orders/orders.routes').then((m) => m.ORDERS_ROUTES),
        },
        'order:read',
      ),
      ...gated(
        {
          path: 'dispensations',
          loadChildren: () =>
            import('./features/dispensations/dispensations.routes').then((m) => m.DISPENSATIONS_ROUTES),
        },
        'dispensation:read',
      ),
      ...gated(
        {
          path: 'organisation',
          loadComponent: () => import('./features/org/org-page.component').then((m) => m.OrgPageComponent),
          title: 'pageTitle.organisation',
        },
        'org:read',
      ),
      ...gated(
        {
          path: 'dashboard',
          loadChildren: () => import('./features/dashboard/dashboard.routes').then((m) => m.DASHBOARD_ROUTES),
        },
        'metrics:read',
      ),
      ...gated(
        {
          path: 'agreement',
          loadChildren: () => import('./features/agreement/agreement.routes').then((m) => m.AGREEMENT_ROUTES),
        },
        'agreement:read',
      ),
      ...gated(
        {
          path: 'imports',
          loadChildren: () => import('./features/imports/imports.routes').then((m) => m.IMPORTS_ROUTES),
        },
        'import:manage',
      ),
      ...gated(
        {
          path: 'purchased-hours',
          loadChildren: () =>
            import('./features/purchased-hours/purchased-hours.routes').then((m) => m.PURCHASED_HOURS_ROUTES),
        },
        'import:manage',
      ),
      ...gated(
        {
          path: 'admin',
          loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
        },
        'user:manage',
        'org:manage',
        'policy:manage',
      ),
      {
        path: '**',
        loadComponent: () => import('./shared/not-found.component').then((m) => m.NotFoundComponent),
        title: 'pageTitle.notFound',
      },
    ],
  },
];
