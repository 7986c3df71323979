import { inject } from '@angular/core';
import { CanMatchFn, Route } from '@angular/router';
import type { Permission } from '@hyrkoll/contracts';

import { AuthStore } from './auth.store';

/** Matches when the active role holds one of the permissions (after the user is read). */
function holdsAny(permissions: readonly Permission[]): CanMatchFn {
  return async () => {
    const auth = inject(AuthStore);
    await auth.ensureLoaded();
    return permissions.some((p) => auth.can(p));
  };
}

/**
 * A part of the app that a permission opens (any of `permissions`): the route itself when the
 * active role holds it, else, at the same address, a page that says the role does not give access
 * to it. That is final: the page offers the way home, never a retry (docs/architecture.md,
 * "Pages a role may not use"). The API checks every request regardless.
 */
export function gated(route: Route & { path: string }, ...permissions: Permission[]): Route[] {
  return [
    { ...route, canMatch: [...(route.canMatch ?? []), holdsAny(permissions)] },
    {
      // the part's own address and every one below it (`/admin/users`, `/orders/<id>`)
      path: route.path,
      pathMatch: route.pathMatch,
      children: [
        {
          path: '**',
          loadComponent: () => import('../../shared/forbidden.component').then((m) => m.ForbiddenComponent),
          title: 'pageTitle.forbidden',
        },
      ],
    },
  ];
}
