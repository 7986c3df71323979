import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

export const PURCHASED_HOURS_ROUTES: Route[] = [
  {
    path: '',
    loadComponent: () => import('./purchased-hours.page').then((m) => m.PurchasedHoursPage),
    title: 'pageTitle.purchasedHours',
    providers: [provideTranslocoScope('purchasedHours')],
  },
];
