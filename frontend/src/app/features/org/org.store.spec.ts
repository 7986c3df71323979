import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UnitDto } from '@hyrkoll/contracts';

import { OrgStore } from './org.store';

function aUnit(overrides: Partial<UnitDto> & { areaCode: string }): UnitDto {
  const { areaCode, ...rest } = overrides;
  return {
    id: `${areaCode}-${rest.costCentre ?? '1'}`,
    costCentre: '1',
    name: 'Hälsocentral',
    careSetting: 'PRIMARVARD',
    area: { id: areaCode, code: areaCode, name: areaCode },
    municipality: { code: '2480', name: 'Umeå', priceZone: 1, priceZoneIllustrative: true },
    ...rest,
  };
}

/** Lets the resource take the answers in. */
async function settled(): Promise<void> {
  await new Promise((r) => setTimeout(r));
  TestBed.tick();
}

describe('OrgStore', () => {
  let store: OrgStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [OrgStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(OrgStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it("loads the user's areas and units and filters the units", async () => {
    TestBed.tick();
    http.expectOne('/api/org/areas').flush([]);
    http
      .expectOne('/api/org/units')
      .flush([
        aUnit({ areaCode: 'NSO-SKE', costCentre: '1' }),
        aUnit({ areaCode: 'NSO-SKE', costCentre: '2', careSetting: 'PSYKIATRI' }),
        aUnit({ areaCode: 'LSO1', costCentre: '3', careSetting: 'SJUKHUSVARD' }),
      ]);
    await settled();
    expect(store.ready()).toBe(true);
    expect(store.visibleUnits()).toHaveLength(3);

    store.areaFilter.set('NSO-SKE');
    expect(store.visibleUnits().map((u) => u.costCentre)).toEqual(['1', '2']);

    store.careSettingFilter.set('PSYKIATRI');
    expect(store.visibleUnits().map((u) => u.costCentre)).toEqual(['2']);
    expect(store.zonesAreIllustrative()).toBe(true);
  });

  it('reports an error state when the API fails, and loads again on a retry', async () => {
    TestBed.tick();
    http.expectOne('/api/org/areas').flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    http.match('/api/org/units'); // dropped with the failure
    await settled();
    expect(store.org.status()).toBe('error');
    expect(store.ready()).toBe(false);

    store.org.reload();
    TestBed.tick();
    expect(store.org.isLoading()).toBe(true);
    expect(store.ready()).toBe(false);
    http.expectOne('/api/org/areas').flush([]);
    http.expectOne('/api/org/units').flush([]);
    await settled();
    expect(store.ready()).toBe(true);
  });
});
