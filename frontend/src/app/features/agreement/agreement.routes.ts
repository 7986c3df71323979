import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/**
 * The strategic purchaser's agreement data: suppliers, price list, travel allowance, price zones
 * of the municipalities and the former-employee register for karens.
 */
export const AGREEMENT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('agreement')],
    loadComponent: () => import('./agreement-shell.component').then((m) => m.AgreementShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'suppliers' },
      {
        path: 'suppliers',
        loadComponent: () => import('./suppliers/suppliers.page').then((m) => m.SuppliersPage),
        title: 'pageTitle.suppliers',
      },
      {
        path: 'prices',
        loadComponent: () => import('./prices/prices.page').then((m) => m.PricesPage),
        title: 'pageTitle.prices',
      },
      {
        path: 'travel-allowances',
        loadComponent: () =>
          import('./travel-allowances/travel-allowances.page').then((m) => m.TravelAllowancesPage),
        title: 'pageTitle.travelAllowances',
      },
      {
        path: 'zones',
        loadComponent: () => import('./zones/zones.page').then((m) => m.ZonesPage),
        title: 'pageTitle.zones',
      },
      {
        path: 'former-employees',
        loadComponent: () =>
          import('./former-employees/former-employees.page').then((m) => m.FormerEmployeesPage),
        title: 'pageTitle.formerEmployees',
      },
    ],
  },
];
