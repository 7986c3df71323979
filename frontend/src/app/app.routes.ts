import { Route } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';

export const appRoutes: Route[] = [
  {
    path: 'login',
    loadComponent: () => import('./features/login/login-page.component').then((m) => m.LoginPageComponent),
    title: 'Hyrkoll',
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'organisation' },
      {
        path: 'orders',
        loadComponent: () => import('./features/orders/orders-list.page').then((m) => m.OrdersListPage),
        title: 'Hyrkoll',
      },
      {
        path: 'orders/new',
        loadComponent: () => import('./features/orders/order-form.page').then((m) => m.OrderFormPage),
        title: 'Hyrkoll',
      },
      {
        path: 'orders/:id',
        loadComponent: () => import('./features/orders/order-detail.page').then((m) => m.OrderDetailPage),
        title: 'Hyrkoll',
      },
      {
        path: 'dispensations',
        loadComponent: () => import('./features/dispensations/inbox.page').then((m) => m.InboxPage),
        title: 'Hyrkoll',
      },
      {
        path: 'dispensations/:id',
        loadComponent: () => import('./features/dispensations/decision.page').then((m) => m.DecisionPage),
        title: 'Hyrkoll',
      },
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
    ],
  },
];
