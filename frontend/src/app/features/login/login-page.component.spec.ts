import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LoginMethodsDto } from '@hyrkoll/contracts';
import { TranslocoTestingModule } from '@jsverse/transloco';

import { PageLocation } from '../../core/auth/page-location';
import { TranslatedTitleStrategy } from '../../core/title/translated-title.strategy';
import { providersFor, ssoMessageOf, ssoStartUrl } from './login-methods';
import { LoginPageComponent, safeReturnUrl } from './login-page.component';

const I18N = join(__dirname, '../../../../public/i18n');
const sv = JSON.parse(readFileSync(join(I18N, 'sv.json'), 'utf8'));

const VASTERBOTTEN = {
  region: { code: '24', name: 'Region Västerbotten' },
  label: 'SITHS-kort',
  loginUrl: '/api/auth/oidc/24/login',
};
const NORRBOTTEN = {
  region: { code: '25', name: 'Region Norrbotten' },
  label: 'Norrbottens inloggning',
  loginUrl: '/api/auth/oidc/25/login',
};

describe('safeReturnUrl', () => {
  it('follows a path inside the app', () => {
    expect(safeReturnUrl('/organisation?area=LSO1')).toBe('/organisation?area=LSO1');
  });

  it('goes to the start page for anything else', () => {
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
  });
});

describe('the login methods', () => {
  it('offers only the region of the address, else every region', () => {
    const methods = { password: false, providers: [VASTERBOTTEN, NORRBOTTEN] };
    expect(providersFor(methods, '25')).toEqual([NORRBOTTEN]);
    expect(providersFor(methods, undefined)).toEqual([VASTERBOTTEN, NORRBOTTEN]);
    expect(providersFor(methods, '01')).toEqual([]);
    expect(providersFor(null, undefined)).toEqual([]);
  });

  it('starts the sign-in with the page to come back to', () => {
    expect(ssoStartUrl(VASTERBOTTEN, '/orders?status=DRAFT')).toBe(
      '/api/auth/oidc/24/login?returnUrl=%2Forders%3Fstatus%3DDRAFT',
    );
    expect(ssoStartUrl({ ...VASTERBOTTEN, loginUrl: '/x?a=1' }, '/')).toBe('/x?a=1&returnUrl=%2F');
  });

  it('reads an unknown outcome as a failed sign-in', () => {
    expect(ssoMessageOf(undefined)).toBeNull();
    expect(ssoMessageOf('stale')).toBe('stale');
    expect(ssoMessageOf('unavailable')).toBe('unavailable');
    expect(ssoMessageOf('cancelled')).toBe('cancelled');
    expect(ssoMessageOf('something')).toBe('failed');
  });
});

describe('LoginPageComponent', () => {
  let fixture: ComponentFixture<LoginPageComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const assign = jest.fn();
  const showRecord = jest.fn();

  const render = async (inputs: Record<string, string>, methods: LoginMethodsDto | 'fail') => {
    TestBed.configureTestingModule({
      imports: [
        LoginPageComponent,
        TranslocoTestingModule.forRoot({
          langs: { sv },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: PageLocation, useValue: { assign } },
        { provide: TranslatedTitleStrategy, useValue: { showRecord } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPageComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    page = fixture.nativeElement;
    fixture.detectChanges();
    const request = http.expectOne('/api/auth/methods');
    if (methods === 'fail') request.flush({}, { status: 404, statusText: 'Not Found' });
    else request.flush(methods);
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const buttons = () => Array.from(page.querySelectorAll('button')).map((b) => b.textContent?.trim());
  const alertText = () => page.querySelector('[role="alert"]')?.textContent?.trim();

  beforeEach(() => {
    assign.mockReset();
    showRecord.mockReset();
  });
  afterEach(() => http.verify());

  it('offers the one provider as the main action and no password form when passwords are off', async () => {
    await render({ returnUrl: '/dispensations/abc' }, { password: false, providers: [VASTERBOTTEN] });
    expect(buttons()).toEqual(['Logga in med SITHS-kort']);
    expect(page.querySelector('#login-password')).toBeNull();
    const button = page.querySelector('button') as HTMLButtonElement;
    expect(button.classList).not.toContain('secondary');
    button.click();
    expect(assign).toHaveBeenCalledWith('/api/auth/oidc/24/login?returnUrl=%2Fdispensations%2Fabc');
  });

  it('offers both when passwords are on, the password form as the main action', async () => {
    await render({}, { password: true, providers: [VASTERBOTTEN] });
    expect(buttons()).toEqual(['Logga in med SITHS-kort', 'Logga in']);
    expect(page.querySelector('button.sso')?.classList).toContain('secondary');
    expect(page.querySelector('#login-password')).not.toBeNull();
  });

  it('asks for the region first when several regions sign in here', async () => {
    await render({}, { password: false, providers: [VASTERBOTTEN, NORRBOTTEN] });
    const select = page.querySelector('#login-region') as HTMLSelectElement;
    expect(page.querySelector('label[for="login-region"]')?.textContent?.trim()).toBe('Region');
    expect(buttons()).toEqual([]);
    select.value = '25';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(buttons()).toEqual(['Logga in med Norrbottens inloggning']);
    (page.querySelector('button') as HTMLButtonElement).click();
    expect(assign).toHaveBeenCalledWith('/api/auth/oidc/25/login?returnUrl=%2F');
  });

  it('offers only the region of /login/<region> and names it in the title', async () => {
    await render({ region: '25' }, { password: false, providers: [VASTERBOTTEN, NORRBOTTEN] });
    expect(page.querySelector('#login-region')).toBeNull();
    expect(buttons()).toEqual(['Logga in med Norrbottens inloggning']);
    expect(showRecord).toHaveBeenCalledWith('pageTitle.loginRegionOf', { region: 'Region Norrbotten' });
  });

  it('says so when the region of the address has no sign-in', async () => {
    await render({ region: '01' }, { password: false, providers: [VASTERBOTTEN] });
    expect(buttons()).toEqual([]);
    expect(page.textContent).toContain('Det finns ingen inloggning för region 01.');
    expect(page.querySelector('a')?.textContent?.trim()).toBe('Visa alla sätt att logga in');
  });

  it('words why a sign-in at the provider ended here', async () => {
    await render({ sso: 'unavailable' }, { password: false, providers: [VASTERBOTTEN] });
    expect(alertText()).toBe('Det går inte att nå SITHS-kort just nu. Försök igen om en stund.');
    fixture.componentRef.setInput('sso', 'stale');
    fixture.detectChanges();
    expect(alertText()).toBe('Inloggningen tog för lång tid eller startades i en annan flik. Försök igen.');
    fixture.componentRef.setInput('sso', 'failed');
    fixture.detectChanges();
    expect(alertText()).toContain('Inloggningen via SITHS-kort kunde inte slutföras.');
    fixture.componentRef.setInput('sso', 'cancelled');
    fixture.detectChanges();
    expect(alertText()).toBe('Inloggningen avbröts. Välj ett sätt att logga in för att försöka igen.');
  });

  it('keeps the password form when the ways in cannot be read', async () => {
    await render({ sso: 'failed' }, 'fail');
    expect(buttons()).toEqual(['Logga in']);
    expect(page.querySelector('#login-email')).not.toBeNull();
    expect(alertText()).toContain('regionens inloggningstjänst');
  });

  it('words the refusal of a password login where passwords are off', async () => {
    await render({}, { password: true, providers: [] });
    (page.querySelector('#login-email') as HTMLInputElement).value = 'a@example.se';
    page.querySelector('#login-email')?.dispatchEvent(new Event('input'));
    (page.querySelector('#login-password') as HTMLInputElement).value = 'secret-password';
    page.querySelector('#login-password')?.dispatchEvent(new Event('input'));
    (page.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne('/api/auth/login')
      .flush({ code: 'PASSWORD_LOGIN_OFF', message: 'x' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(alertText()).toBe(sv.errors.code.PASSWORD_LOGIN_OFF);
  });
});
