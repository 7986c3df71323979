import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { NoAccessDto } from '@hyrkoll/contracts';
import { TranslocoTestingModule } from '@jsverse/transloco';

import { NoAccessPage } from './no-access.page';

const sv = JSON.parse(readFileSync(join(__dirname, '../../../../public/i18n/sv.json'), 'utf8'));

const INFO: NoAccessDto = {
  outcome: 'no-access',
  region: { code: '24', name: 'Region Västerbotten' },
  name: 'Stina Berg',
  administrators: [{ name: 'Anna Admin', email: 'anna.admin@regionvasterbotten.se' }],
};

describe('NoAccessPage', () => {
  let fixture: ComponentFixture<NoAccessPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const render = async (answer: NoAccessDto | number) => {
    TestBed.configureTestingModule({
      imports: [
        NoAccessPage,
        TranslocoTestingModule.forRoot({
          langs: { sv },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NoAccessPage);
    fixture.componentRef.setInput('ref', 'r-1');
    page = fixture.nativeElement;
    fixture.detectChanges();
    const request = http.expectOne('/api/auth/no-access?ref=r-1');
    if (typeof answer === 'number') request.flush({}, { status: answer, statusText: 'x' });
    else request.flush(answer);
    await fixture.whenStable();
    fixture.detectChanges();
  };

  afterEach(() => http.verify());

  it('says whom the provider knows the person as, and that the administrators can see the request', async () => {
    await render({ ...INFO, label: 'SITHS-kort' });
    expect(page.textContent).toContain(
      'SITHS-kort känner dig som Stina Berg, men du har ingen behörighet i Hyrkoll ännu.',
    );
    expect(page.textContent).not.toContain('inloggad som');
    // nothing is sent to the administrators: they see the request on the users page
    expect(page.textContent).toContain(
      'Administratörerna i Region Västerbotten ser din förfrågan om åtkomst i Hyrkoll. Du kan också kontakta dem:',
    );
    expect(page.textContent).not.toContain('har skickats');
    const mail = page.querySelector('a[href^="mailto:"]');
    expect(mail?.getAttribute('href')).toBe('mailto:anna.admin@regionvasterbotten.se');
    // someone else at the same browser: the provider is asked to ask who signs in
    const other = Array.from(page.querySelectorAll('a')).find(
      (a) => a.textContent?.trim() === 'Logga in som någon annan',
    );
    expect(other?.getAttribute('href')).toBe('/api/auth/oidc/24/login?prompt=login');
  });

  it('speaks of the region’s sign-in when the provider’s label is not known', async () => {
    await render(INFO);
    expect(page.textContent).toContain(
      'Regionens inloggning känner dig som Stina Berg, men du har ingen behörighet i Hyrkoll ännu.',
    );
  });

  it('says the account is deactivated', async () => {
    await render({ ...INFO, outcome: 'inactive', label: 'SITHS-kort' });
    expect(page.textContent).toContain(
      'SITHS-kort känner dig som Stina Berg, men ditt konto i Hyrkoll är inaktiverat.',
    );
  });

  it('links back to the login page when the reference is gone', async () => {
    await render(404);
    expect(page.textContent).toContain(sv.noAccess.gone);
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/login');
  });
});
