import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'organisation' },
  {
    path: 'organisation',
    loadComponent: () => import('./features/org/org-page.component').then((m) => m.OrgPageComponent),
    title: 'Hyrkoll',
  },
  {
    path: '**',
    loadComponent: () => import('./shared/not-found.component').then((m) => m.NotFoundComponent),
    title: 'Hyrkoll',
  },
];
