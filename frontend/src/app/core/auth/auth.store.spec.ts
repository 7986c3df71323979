import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { AuthStore } from './auth.store';

describe('AuthStore.logout', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('answers the provider’s end-session address after a single sign-on session', async () => {
    const out = store.logout();
    http
      .expectOne('/api/auth/logout')
      .flush({ providerLogoutUrl: 'https://idp.example/logout?id_token_hint=x' });
    expect(await out).toBe('https://idp.example/logout?id_token_hint=x');
    expect(store.loggedIn()).toBe(false);
  });

  it('answers null after a password session (or an API that answers nothing)', async () => {
    const out = store.logout();
    http.expectOne('/api/auth/logout').flush({ providerLogoutUrl: null });
    expect(await out).toBeNull();
    const older = store.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(await older).toBeNull();
  });
});
