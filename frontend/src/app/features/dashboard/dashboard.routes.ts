import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { provideEchartsCore } from 'ngx-echarts';

/**
 * `/dashboard` (the steering group's follow-up) and `/dashboard/report` (the monthly board
 * report). The pages set their own document titles, in the user's language.
 */
export const DASHBOARD_ROUTES: Route[] = [
  {
    path: '',
    providers: [
      provideTranslocoScope('dashboard'),
      provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) }),
    ],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'report',
        loadComponent: () => import('./board-report.page').then((m) => m.BoardReportPage),
      },
    ],
  },
];
