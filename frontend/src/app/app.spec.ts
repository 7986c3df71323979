import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';

import { App } from './app';
import { AuthStore } from './core/auth/auth.store';
import { PageLocation } from './core/auth/page-location';

const sv = JSON.parse(readFileSync(join(__dirname, '../../public/i18n/sv.json'), 'utf8'));

describe('App logout', () => {
  const assign = jest.fn();
  const logout = jest.fn<Promise<string | null>, []>();

  const create = () => {
    TestBed.configureTestingModule({
      imports: [
        App,
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
      ],
    });
    const auth = TestBed.inject(AuthStore);
    jest.spyOn(auth, 'logout').mockImplementation(logout);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const app = TestBed.createComponent(App).componentInstance;
    return { app, navigate };
  };

  beforeEach(() => {
    assign.mockReset();
    logout.mockReset();
  });

  it('sends the browser to the provider’s end-session page after a single sign-on session', async () => {
    logout.mockResolvedValue('https://idp.example/logout');
    const { app, navigate } = create();
    await app['logout']();
    expect(assign).toHaveBeenCalledWith('https://idp.example/logout');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('goes to the login page after a password session', async () => {
    logout.mockResolvedValue(null);
    const { app, navigate } = create();
    await app['logout']();
    expect(assign).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });
});
