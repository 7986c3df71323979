import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type {
  AccessRequestDto,
  GrantRequestDto,
  LoginMethodsDto,
  LoginProviderDto,
  UnitDto,
  UserDto,
} from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { createBody, UsersPage } from './users.page';

const I18N = join(__dirname, '../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));
const adminSv = read('admin/sv.json');

const UNIT = {
  id: 'unit-1',
  name: 'Hälsocentral Norrböle',
  costCentre: '120101',
  area: { id: 'area-1', code: 'NSO-S', name: 'NSO Skellefteå' },
} as UnitDto;

const REQUEST: AccessRequestDto = {
  id: 'req-1',
  subject: 'SE2321000222-ABC1',
  name: 'Stina Berg',
  email: 'stina.berg@regionvasterbotten.se',
  proposedRoles: [{ role: 'UNIT_MANAGER', unitId: 'unit-1' }],
  firstSeenAt: '2026-12-01T08:00:00Z',
  lastSeenAt: '2026-12-03T09:30:00Z',
  attempts: 3,
  status: 'PENDING',
};

const LINKED: UserDto = {
  id: 'user-2',
  email: 'olle@regionvasterbotten.se',
  name: 'Olle Ek',
  locale: 'sv',
  active: true,
  roles: [],
  pendingRoles: [],
  passwordSet: false,
  externalId: 'SE2321000222-OLLE',
  version: 3,
};

const PROVIDER: LoginProviderDto = {
  region: { code: '24', name: 'Region Västerbotten' },
  label: 'SITHS-kort',
  loginUrl: '/api/auth/oidc/24/login',
};

const ADMIN_GRANT: GrantRequestDto = {
  id: 'grant-1',
  role: 'ADMINISTRATOR',
  user: { id: 'user-2', name: 'Olle Ek', email: 'olle@regionvasterbotten.se' },
  requestedBy: { id: 'admin-2', name: 'Eva Admin' },
  requestedAt: '2026-12-05T08:00:00Z',
  expiresAt: '2026-12-12T08:00:00Z',
  status: 'PENDING',
};

describe('createBody', () => {
  const form = { name: ' Stina ', email: ' s@x.se ', locale: 'sv' as const, externalId: ' ' };

  it('leaves out an empty identity and names the request the user is created from', () => {
    expect(createBody(form, [], null)).toEqual({ name: 'Stina', email: 's@x.se', locale: 'sv', roles: [] });
    expect(createBody({ ...form, externalId: ' HSA-1 ' }, [{ role: 'PURCHASER' }], REQUEST)).toEqual({
      name: 'Stina',
      email: 's@x.se',
      locale: 'sv',
      roles: [{ role: 'PURCHASER' }],
      externalId: 'HSA-1',
      accessRequestId: 'req-1',
    });
  });
});

describe('UsersPage: requests for access and the link to the provider', () => {
  let fixture: ComponentFixture<UsersPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  /** Lets the page's awaits and effects go on (requests still open keep it from being stable). */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  };
  const button = (label: string) =>
    Array.from(page.querySelectorAll('button')).find(
      (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
    ) as HTMLButtonElement;
  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;

  const render = async (
    requests: AccessRequestDto[],
    users: UserDto[] = [],
    grants: GrantRequestDto[] = [],
    methods: LoginMethodsDto | 'fail' = { password: false, providers: [PROVIDER] },
  ) => {
    TestBed.configureTestingModule({
      imports: [
        UsersPage,
        TranslocoTestingModule.forRoot({
          langs: { sv: read('sv.json'), 'admin/sv': adminSv },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoScope('admin'),
        {
          provide: AuthStore,
          useValue: {
            me: () => ({ id: 'me', region: { code: '24', name: 'Region Västerbotten' } }),
            can: () => true,
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    page = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne('/api/users').flush(users);
    http.expectOne('/api/org/units').flush([UNIT]);
    http.expectOne('/api/org/areas').flush([UNIT.area]);
    http.expectOne('/api/grant-requests').flush(grants);
    http.expectOne('/api/access-requests').flush(requests);
    const ways = http.expectOne('/api/auth/methods');
    if (methods === 'fail') ways.flush({}, { status: 500, statusText: 'Server Error' });
    else ways.flush(methods);
    await settle();
  };

  afterEach(() => http.verify());

  it('hides the section when no one asks for access', async () => {
    await render([]);
    expect(page.textContent).not.toContain('Förfrågningar om åtkomst');
  });

  it('lists a request and opens the new-user form filled in from it', async () => {
    await render([REQUEST]);
    const section = page.querySelector('section[aria-labelledby="access-requests-heading"]') as HTMLElement;
    expect(section.textContent).toContain('Stina Berg');
    expect(section.textContent).toContain('SE2321000222-ABC1');
    expect(section.textContent).toContain('3 inloggningsförsök');
    expect(section.textContent).toContain('Hälsocentral Norrböle (120101)');
    // named once, by its heading: the table is labelled by it and has no caption of its own
    expect(section.textContent?.split('Förfrågningar om åtkomst').length).toBe(2);
    const table = section.querySelector('table') as HTMLTableElement;
    expect(table.querySelector('caption')).toBeNull();
    expect(table.getAttribute('aria-labelledby')).toBe('access-requests-heading');
    expect(page.querySelector('#access-requests-heading')?.textContent).toBe('Förfrågningar om åtkomst');

    button('Skapa användare för Stina Berg').click();
    await settle();
    expect(input('nu-name').value).toBe('Stina Berg');
    expect(input('nu-email').value).toBe('stina.berg@regionvasterbotten.se');
    expect(input('nu-externalId').value).toBe('SE2321000222-ABC1');
    expect(input('nu-externalId').readOnly).toBe(true);

    (page.querySelector('#user-form form, hk-form-card form') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/users');
    expect(post.request.body).toEqual({
      name: 'Stina Berg',
      email: 'stina.berg@regionvasterbotten.se',
      locale: 'sv',
      roles: [{ role: 'UNIT_MANAGER', unitId: 'unit-1' }],
      externalId: 'SE2321000222-ABC1',
      accessRequestId: 'req-1',
    });
    post.flush(
      { code: 'DUPLICATE_EXTERNAL_ID', params: { externalId: 'SE2321000222-ABC1' } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(input('nu-externalId').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#nu-externalId-error')?.textContent?.trim()).toBe(
      adminSv.users.externalIdTaken,
    );
    expect(page.querySelector('hk-form-card [role="alert"]')).toBeNull();
  });

  it('says once, at the field, that the e-mail address is taken', async () => {
    await render([]);
    button('Ny användare').click();
    await settle();
    input('nu-name').value = 'Stina Berg';
    input('nu-name').dispatchEvent(new Event('input'));
    input('nu-email').value = 'stina.berg@regionvasterbotten.se';
    input('nu-email').dispatchEvent(new Event('input'));
    (page.querySelector('hk-form-card form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/users')
      .flush(
        {
          code: 'DUPLICATE_EMAIL',
          message: 'A user with the e-mail address stina.berg@regionvasterbotten.se already exists',
          details: [{ field: 'email', code: 'duplicate', message: 'already in use' }],
        },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(input('nu-email').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#nu-email-error')?.textContent?.trim()).toBe(adminSv.users.emailTaken);
    expect(page.textContent).not.toContain(read('sv.json').errors.code.DUPLICATE_EMAIL);
    expect(page.querySelector('hk-form-card [role="alert"]')).toBeNull();
  });

  it('dismisses only after a confirmation, and reloads when someone else handled the request', async () => {
    await render([REQUEST]);
    button('Avvisa förfrågan från Stina Berg').click();
    await settle();
    http.expectNone('/api/access-requests/req-1/dismiss');
    const question = page.querySelector('#dismiss-question') as HTMLElement;
    expect(question.textContent).toContain('Avvisa förfrågan från Stina Berg?');
    expect(document.activeElement === question || document.activeElement?.tagName !== 'BUTTON').toBe(true);

    button('Avvisa').click();
    const dismiss = http.expectOne('/api/access-requests/req-1/dismiss');
    expect(dismiss.request.method).toBe('POST');
    dismiss.flush({ code: 'ACCESS_REQUEST_WRONG_STATE' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Förfrågan har redan hanterats');
    http.expectOne('/api/access-requests').flush([]);
    await settle();
    expect(page.textContent).not.toContain('Förfrågningar om åtkomst');
  });

  it('shows a user’s link to the provider and removes it after a confirmation', async () => {
    await render([], [LINKED]);
    button('Ändra Olle Ek').click();
    await settle();
    expect(page.textContent).toContain('SE2321000222-OLLE');
    // it does not promise that the person stays out: only deactivating does that
    expect(page.querySelector('#unlink-hint')?.textContent).toBe(
      'Kopplingen tas bort och personens pågående sessioner avslutas. Intygar leverantören samma ' +
        'e-postadress kopplas kontot igen vid nästa inloggning. Inaktivera kontot för att stänga ute personen.',
    );
    button('Ta bort kopplingen').click();
    await settle();
    expect(page.querySelector('#unlink-question')?.textContent).toContain(
      'Personens pågående sessioner avslutas, men intygar leverantören samma e-postadress kan personen logga in igen.',
    );
    expect(page.textContent).not.toContain('inte logga in');
    button('Ta bort kopplingen').click();
    const patch = http.expectOne('/api/users/user-2');
    expect(patch.request.body).toEqual({ version: 3, externalId: null });
    patch.flush({ ...LINKED, externalId: null, version: 4 });
    await settle();
    http.expectOne('/api/users').flush([{ ...LINKED, externalId: null, version: 4 }]);
    http.expectOne('/api/grant-requests').flush([]);
    await settle();
    expect(page.textContent).not.toContain('SE2321000222-OLLE');
    expect(page.textContent).toContain('Kopplingen till identitetsleverantören för Olle Ek är borttagen.');
  });

  it('shows in the list, in words, who signs in through the region’s provider', async () => {
    const unlinked: UserDto = { ...LINKED, id: 'user-3', name: 'Pia Lund', externalId: null };
    await render([], [LINKED, unlinked]);
    const rows = Array.from(page.querySelectorAll('tbody tr')) as HTMLElement[];
    const row = (name: string) => rows.find((r) => r.textContent?.includes(name)) as HTMLElement;
    expect(row('Olle Ek').textContent).toContain('Inloggning: via SITHS-kort');
    expect(row('Pia Lund').textContent).not.toContain('Inloggning');
  });

  it('speaks of the region’s sign-in when the provider’s label cannot be read', async () => {
    await render([], [LINKED], [], 'fail');
    expect(page.textContent).toContain('Inloggning: via regionens inloggning');
  });

  it('deactivates only after a confirmation, then moves the focus to what was done', async () => {
    await render([], [LINKED]);
    const deactivate = button('Inaktivera Olle Ek');
    deactivate.focus();
    deactivate.click();
    await settle();
    http.expectNone('/api/users/user-2');
    const question = page.querySelector('#deactivate-question') as HTMLElement;
    expect(question.textContent).toContain('Inaktivera Olle Ek? Användaren loggas ut direkt');
    expect(document.activeElement).toBe(question);

    // Escape takes the question back, and the focus to the button that asked
    question.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(page.querySelector('#deactivate-question')).toBeNull();
    expect(document.activeElement).toBe(button('Inaktivera Olle Ek'));

    button('Inaktivera Olle Ek').click();
    await settle();
    button('Inaktivera').click();
    const patch = http.expectOne('/api/users/user-2');
    expect(patch.request.body).toEqual({ version: 3, active: false });
    patch.flush({ ...LINKED, active: false, version: 4 });
    await settle();
    const done = page.querySelector('#users-done') as HTMLElement;
    expect(done.textContent).toContain('Olle Ek är inaktiverad och utloggad.');
    expect(document.activeElement).toBe(done);
    http.expectOne('/api/users').flush([{ ...LINKED, active: false, version: 4 }]);
    http.expectOne('/api/grant-requests').flush([]);
    await settle();
  });

  it('approves a grant only after a confirmation, and a refusal takes the focus', async () => {
    await render([], [LINKED], [ADMIN_GRANT]);
    button('Godkänn Olle Ek, Administratör').click();
    await settle();
    http.expectNone('/api/grant-requests/grant-1/approve');
    const question = page.querySelector('#approve-question') as HTMLElement;
    expect(question.textContent).toContain('Godkänna rollen Administratör för Olle Ek?');
    expect(document.activeElement).toBe(question);

    button('Godkänn').click();
    const approve = http.expectOne('/api/grant-requests/grant-1/approve');
    approve.flush(
      { code: 'GRANT_REQUEST_WRONG_STATE', params: { currentStatus: 'APPROVED' } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const problem = page.querySelector('#users-problem') as HTMLElement;
    expect(problem.textContent).toContain('Begäran kan inte längre beslutas');
    expect(document.activeElement).toBe(problem);
  });

  it('rejects a grant only after a confirmation, and cancelling returns to the button', async () => {
    await render([], [LINKED], [ADMIN_GRANT]);
    button('Avslå Olle Ek, Administratör').click();
    await settle();
    http.expectNone('/api/grant-requests/grant-1/reject');
    const question = page.querySelector('#reject-question') as HTMLElement;
    expect(question.textContent).toContain('Avslå rollen Administratör för Olle Ek?');
    expect(document.activeElement).toBe(question);
    button('Avbryt').click();
    await settle();
    expect(page.querySelector('#reject-question')).toBeNull();
    expect(document.activeElement).toBe(button('Avslå Olle Ek, Administratör'));

    button('Avslå Olle Ek, Administratör').click();
    await settle();
    button('Avslå').click();
    http
      .expectOne('/api/grant-requests/grant-1/reject')
      .flush(null, { status: 204, statusText: 'No Content' });
    // the lists reload after the decision
    for (let round = 0; round < 3; round++) {
      await settle();
      for (const pending of http.match(() => true)) {
        pending.flush(pending.request.url === '/api/users' ? [LINKED] : []);
      }
    }
    expect((page.querySelector('#users-done') as HTMLElement).textContent).toContain('avslagen');
  });

  it('moves the focus to the message after a password link is sent', async () => {
    await render([], [LINKED]);
    button('Skicka lösenordslänk till Olle Ek').click();
    http.expectOne('/api/users/user-2/password-setup').flush({ expiresAt: '2026-12-10T08:00:00Z' });
    await settle();
    const done = page.querySelector('#users-done') as HTMLElement;
    expect(done.textContent).toContain('En länk för att välja lösenord har skickats till Olle Ek.');
    expect(document.activeElement).toBe(done);
  });

  it('moves the focus to the alert when a save fails at no field', async () => {
    await render([], [LINKED]);
    button('Ändra Olle Ek').click();
    await settle();
    (page.querySelector('hk-form-card form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne((r) => r.method === 'PATCH' && r.url === '/api/users/user-2')
      .flush({ code: 'CONFLICT' }, { status: 409, statusText: 'Conflict' });
    await settle();
    const alert = page.querySelector('hk-form-card [role="alert"]') as HTMLElement;
    expect(alert).not.toBeNull();
    expect(document.activeElement).toBe(alert);
  });
});
