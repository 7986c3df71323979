import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SupplierDto } from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { AuthStore } from '../../../core/auth/auth.store';
import { SuppliersPage } from './suppliers.page';

const I18N = join(__dirname, '../../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));

const SUPPLIER: SupplierDto = {
  id: '7d2c1c5e-0000-4000-8000-000000000001',
  organisationNumber: '556712-3459',
  name: 'Norrlandsbemanning AB',
  lots: ['LAKARE', 'SJUKSKOTERSKA'],
  status: 'ACTIVE',
  quarantineReason: null,
  version: 4,
};

describe('SuppliersPage', () => {
  let fixture: ComponentFixture<SuppliersPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const button = (text: string) =>
    Array.from(page.querySelectorAll('button')).find((b) =>
      b.textContent?.trim().startsWith(text),
    ) as HTMLButtonElement;
  const type = (id: string, value: string) => {
    const field = input(id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  /** The texts that a field's aria-describedby points at. */
  const description = (id: string) =>
    (input(id).getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((ref) => page.querySelector(`#${ref}`)?.textContent?.trim());
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
  };
  /** The store reads the list anew: answers that request once it is sent. */
  const reloadWith = async (list: SupplierDto[]) => {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    http.expectOne('/api/agreement/suppliers').flush(list);
    await settle();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        SuppliersPage,
        TranslocoTestingModule.forRoot({
          langs: { sv: read('sv.json'), 'agreement/sv': read('agreement/sv.json') },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoScope('agreement'),
        { provide: AuthStore, useValue: { can: () => true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SuppliersPage);
    page = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne('/api/agreement/suppliers').flush([SUPPLIER]);
    await settle();
  });

  afterEach(() => http.verify());

  it('lists the suppliers with their lots and status', () => {
    const row = page.querySelector('tbody tr');
    expect(row?.textContent).toContain('Norrlandsbemanning AB');
    expect(row?.textContent).toContain('Läkare, Sjuksköterskor');
    expect(row?.textContent).toContain('Aktiv');
  });

  it('shows every problem of an empty form next to its field and sends nothing', async () => {
    button('Registrera leverantören').click();
    await settle();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Uppgifterna är inte sparade. Rätta de markerade fälten.',
    );
    expect(input('supplier-org').getAttribute('aria-invalid')).toBe('true');
    expect(description('supplier-org')).toEqual(['Tio siffror, till exempel 556712-3459.', 'Fyll i fältet.']);
    expect(description('supplier-name')).toEqual(['Fyll i fältet.']);
    expect(page.querySelector('#supplier-lots-error')?.textContent?.trim()).toBe('Välj minst 1 alternativ.');

    // fixing a field takes its message away
    type('supplier-name', 'Norrvård AB');
    await settle();
    expect(input('supplier-name').getAttribute('aria-invalid')).toBe('false');
    expect(input('supplier-name').getAttribute('aria-describedby')).toBeNull();
  });

  it('sends a normalised supplier and shows a registered organisation number at its field', async () => {
    type('supplier-org', '5567123459');
    type('supplier-name', ' Norrvård AB ');
    input('supplier-org').closest('form')?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    await settle();
    button('Registrera leverantören').click();
    const request = http.expectOne({ method: 'POST', url: '/api/agreement/suppliers' });
    expect(request.request.body).toEqual({
      organisationNumber: '556712-3459',
      name: 'Norrvård AB',
      lots: ['LAKARE'],
    });
    request.flush(
      {
        statusCode: 409,
        code: 'DUPLICATE_ORG_NUMBER',
        message: 'A supplier with organisation number 556712-3459 already exists',
        params: { value: '556712-3459' },
        details: [{ field: 'organisationNumber', code: 'duplicate', message: 'already registered' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(description('supplier-org')).toContain('Värdet används redan.');
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Det finns redan en leverantör med organisationsnumret 556712-3459.',
    );
    expect(page.textContent).not.toContain('already');
  });

  it('quarantines with a reason, based on the version shown', async () => {
    button('Sätt i karantän').click();
    await settle();
    expect(page.querySelector('#quarantine-reason')).not.toBeNull();

    button('Bekräfta karantän').click();
    await settle();
    expect(description('quarantine-reason')).toContain('Fyll i fältet.');
    http.expectNone('/api/agreement/suppliers/' + SUPPLIER.id);

    type('quarantine-reason', 'Avtalsbrott');
    button('Bekräfta karantän').click();
    const request = http.expectOne({ method: 'PATCH', url: `/api/agreement/suppliers/${SUPPLIER.id}` });
    expect(request.request.body).toEqual({
      version: 4,
      status: 'QUARANTINED',
      quarantineReason: 'Avtalsbrott',
    });
    const quarantined: SupplierDto = {
      ...SUPPLIER,
      status: 'QUARANTINED',
      quarantineReason: 'Avtalsbrott',
      version: 5,
    };
    request.flush(quarantined);
    await reloadWith([quarantined]);
    expect(page.querySelector('#quarantine-reason')).toBeNull();
    expect(page.querySelector('tbody tr')?.textContent).toContain('Skäl: Avtalsbrott');
    expect(page.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Norrlandsbemanning AB är satt i karantän.',
    );
  });

  it('reloads the list when someone else changed the supplier first', async () => {
    button('Sätt i karantän').click();
    await settle();
    type('quarantine-reason', 'Avtalsbrott');
    button('Bekräfta karantän').click();
    http.expectOne({ method: 'PATCH', url: `/api/agreement/suppliers/${SUPPLIER.id}` }).flush(
      {
        statusCode: 409,
        code: 'STALE_VERSION',
        message: 'The supplier was changed by someone else',
        params: { entity: 'supplier', version: 5 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await reloadWith([{ ...SUPPLIER, name: 'Norrlandsbemanning i Norr AB', version: 5 }]);
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Någon annan hann ändra det här före dig. Sidan visar nu det senaste – försök igen.',
    );
    expect(page.querySelector('tbody tr')?.textContent).toContain('Norrlandsbemanning i Norr AB');
  });
});
