import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

import { gated } from '../../core/auth/route-access';

export const ADMIN_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('admin')],
    loadComponent: () => import('./admin-shell.component').then((m) => m.AdminShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      ...gated(
        {
          path: 'users',
          loadComponent: () => import('./users.page').then((m) => m.UsersPage),
          title: 'pageTitle.users',
        },
        'user:manage',
      ),
      ...gated(
        {
          path: 'org',
          loadComponent: () => import('./org-admin.page').then((m) => m.OrgAdminPage),
          title: 'pageTitle.org',
        },
        'org:manage',
      ),
      ...gated(
        {
          path: 'policy',
          loadComponent: () => import('./policy.page').then((m) => m.PolicyPage),
          title: 'pageTitle.policy',
        },
        'policy:manage',
      ),
      ...gated(
        {
          path: 'operations',
          loadComponent: () => import('./operations.page').then((m) => m.OperationsPage),
          title: 'pageTitle.operations',
        },
        'operations:read',
      ),
    ],
  },
];
