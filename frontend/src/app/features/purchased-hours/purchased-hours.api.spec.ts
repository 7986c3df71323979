import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { PurchasedHoursApi, rowParams } from './purchased-hours.api';

describe('PurchasedHoursApi', () => {
  it('sends only the filters that are set', () => {
    expect(
      rowParams({
        from: '2024-01',
        to: '2024-10',
        supplier: '',
        areaId: undefined,
        unmatched: 'true',
        page: 2,
        pageSize: 50,
      }).toString(),
    ).toBe('from=2024-01&to=2024-10&unmatched=true&page=2&pageSize=50');
    expect(rowParams({}).toString()).toBe('');
  });

  it('asks the rows and the metrics endpoints with their parameters', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const api = TestBed.inject(PurchasedHoursApi);
    const http = TestBed.inject(HttpTestingController);

    const rows = firstValueFrom(api.rows({ professionGroup: 'SSK_BM', supplier: 'Vård kraft' }));
    http.expectOne('/api/purchased-hours?professionGroup=SSK_BM&supplier=V%C3%A5rd%20kraft').flush({
      items: [],
      total: 0,
      totalHours: '0.00',
      totalCostSek: '0.00',
      page: 1,
      pageSize: 50,
      latestMonth: null,
    });
    expect((await rows).latestMonth).toBeNull();

    const series = firstValueFrom(api.series('costs', '2024-01', '2024-10', 'profession-group'));
    const req = http.expectOne('/api/metrics/costs?from=2024-01&to=2024-10&groupBy=profession-group');
    expect(req.request.method).toBe('GET');
    req.flush({ measure: 'cost' });
    expect((await series).measure).toBe('cost');
    http.verify();
  });
});
