import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/** `/dispensations` (the inbox and the list) and `/dispensations/:id` (the decision page). */
export const DISPENSATIONS_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('dispensations')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./inbox.page').then((m) => m.InboxPage),
        title: 'pageTitle.dispensations',
      },
      {
        path: ':id',
        loadComponent: () => import('./decision.page').then((m) => m.DecisionPage),
        title: 'pageTitle.dispensation',
      },
    ],
  },
];
