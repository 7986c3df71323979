import { inject } from '@angular/core';
import { CanActivateFn, Route, Router } from '@angular/router';
import type { Permission } from '@hyrkoll/contracts';
import { provideTranslocoScope } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';

/** Lets a user in who holds the permission; anyone else goes to the start page. */
function needs(permission: Permission): CanActivateFn {
  return () => inject(AuthStore).can(permission) || inject(Router).parseUrl('/');
}

export const ADMIN_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('admin')],
    loadComponent: () => import('./admin-shell.component').then((m) => m.AdminShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      {
        path: 'users',
        canActivate: [needs('user:manage')],
        loadComponent: () => import('./users.page').then((m) => m.UsersPage),
        title: 'pageTitle.users',
      },
      {
        path: 'org',
        canActivate: [needs('org:manage')],
        loadComponent: () => import('./org-admin.page').then((m) => m.OrgAdminPage),
        title: 'pageTitle.org',
      },
      {
        path: 'policy',
        canActivate: [needs('policy:manage')],
        loadComponent: () => import('./policy.page').then((m) => m.PolicyPage),
        title: 'pageTitle.policy',
      },
      {
        path: 'operations',
        canActivate: [needs('operations:read')],
        loadComponent: () => import('./operations.page').then((m) => m.OperationsPage),
        title: 'pageTitle.operations',
      },
    ],
  },
];
