import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

import { gated } from '../../core/auth/route-access';

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
      // only those who may order; the read-only roles hear why not
      ...gated(
        {
          path: 'new',
          loadComponent: () => import('./order-form.page').then((m) => m.OrderFormPage),
          title: 'pageTitle.orderNew',
        },
        'order:write',
      ),
      {
        path: ':id',
        loadComponent: () => import('./order-detail.page').then((m) => m.OrderDetailPage),
        title: 'pageTitle.order',
      },
    ],
  },
];
