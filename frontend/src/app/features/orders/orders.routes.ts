import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

import { permissionGuard } from '../../core/auth/auth.guard';

/** `/orders` (the list), `/orders/new` (the form, also for a draft: `?draft=<id>`) and `/orders/:id`. */
export const ORDERS_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('orders')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./orders-list.page').then((m) => m.OrdersListPage),
        title: 'pageTitle.orders',
      },
      {
        path: 'new',
        // only those who may order: the read-only roles go to the list
        canActivate: [permissionGuard('order:write', '/orders')],
        loadComponent: () => import('./order-form.page').then((m) => m.OrderFormPage),
        title: 'pageTitle.orderNew',
      },
      {
        path: ':id',
        loadComponent: () => import('./order-detail.page').then((m) => m.OrderDetailPage),
        title: 'pageTitle.order',
      },
    ],
  },
];
