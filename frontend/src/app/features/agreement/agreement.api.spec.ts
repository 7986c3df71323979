import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { AgreementApi } from './agreement.api';

describe('AgreementApi', () => {
  let api: AgreementApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AgreementApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('quarantines a supplier with the version it was based on', async () => {
    const done = firstValueFrom(
      api.updateSupplier('id-1', { version: 3, status: 'QUARANTINED', quarantineReason: 'Avtalsbrott' }),
    );
    const request = http.expectOne('/api/agreement/suppliers/id-1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      version: 3,
      status: 'QUARANTINED',
      quarantineReason: 'Avtalsbrott',
    });
    request.flush({ id: 'id-1' });
    await done;
  });

  it('adds a price and a travel allowance version', async () => {
    const price = firstValueFrom(
      api.createPrice({
        profession: 'LAKARE',
        competenceLevel: 'SPECIALIST',
        priceZone: 2,
        hourlyRate: '1400.00',
        validFrom: '2026-01-01',
      }),
    );
    const priceRequest = http.expectOne({ method: 'POST', url: '/api/agreement/prices' });
    expect(priceRequest.request.body.priceZone).toBe(2);
    priceRequest.flush({});
    await price;

    const allowance = firstValueFrom(
      api.createTravelAllowance({ amountPerWeek: '0', validFrom: '2026-01-01' }),
    );
    http.expectOne({ method: 'POST', url: '/api/agreement/travel-allowances' }).flush({});
    await allowance;
  });

  it('sets a zone on the municipality code and reads the municipalities from the organisation', async () => {
    const zone = firstValueFrom(api.setPriceZone('2418', 2));
    const request = http.expectOne({ method: 'PATCH', url: '/api/agreement/municipalities/2418' });
    expect(request.request.body).toEqual({ priceZone: 2 });
    request.flush({ code: '2418', name: 'Malå', priceZone: 2 });
    expect(await zone).toEqual({ code: '2418', name: 'Malå', priceZone: 2 });

    const list = firstValueFrom(api.municipalities());
    http.expectOne({ method: 'GET', url: '/api/org/municipalities' }).flush([]);
    await list;
  });

  it('checks karens with a POST and removes a person from the register with a DELETE', async () => {
    const result = firstValueFrom(api.checkKarens({ identityNumber: '197506121230', on: '2025-03-01' }));
    const check = http.expectOne({ method: 'POST', url: '/api/agreement/former-employees/check' });
    expect(check.request.body).toEqual({ identityNumber: '197506121230', on: '2025-03-01' });
    check.flush({ inKarens: true, karensUntil: '2025-08-31' });
    expect(await result).toEqual({ inKarens: true, karensUntil: '2025-08-31' });

    const removed = firstValueFrom(api.removeFormerEmployee('f-1'));
    http.expectOne({ method: 'DELETE', url: '/api/agreement/former-employees/f-1' }).flush(null, {
      status: 204,
      statusText: 'No Content',
    });
    await removed;
  });
});
