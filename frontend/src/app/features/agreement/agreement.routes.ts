import { inject } from '@angular/core';
import { ResolveFn, Route } from '@angular/router';
import { provideTranslocoScope, TranslocoService } from '@jsverse/transloco';
import { map, take } from 'rxjs';

/** The page's title in the language shown ("Leverantörer – Avtal – Hyrkoll"), read from the scope. */
function title(page: string): ResolveFn<string> {
  return () =>
    inject(TranslocoService)
      .selectTranslate<string>(page, {}, 'agreement')
      .pipe(
        take(1),
        map((text) => `${text} – Hyrkoll`),
      );
}

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
        title: title('titles.suppliers'),
      },
      {
        path: 'prices',
        loadComponent: () => import('./prices/prices.page').then((m) => m.PricesPage),
        title: title('titles.prices'),
      },
      {
        path: 'travel-allowances',
        loadComponent: () =>
          import('./travel-allowances/travel-allowances.page').then((m) => m.TravelAllowancesPage),
        title: title('titles.travelAllowances'),
      },
      {
        path: 'zones',
        loadComponent: () => import('./zones/zones.page').then((m) => m.ZonesPage),
        title: title('titles.zones'),
      },
      {
        path: 'former-employees',
        loadComponent: () =>
          import('./former-employees/former-employees.page').then((m) => m.FormerEmployeesPage),
        title: title('titles.formerEmployees'),
      },
    ],
  },
];
