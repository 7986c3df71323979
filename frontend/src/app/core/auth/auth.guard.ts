import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { AuthStore } from './auth.store';
import { returnUrlFrom } from './return-url';

/** Lets logged-in users through; everyone else goes to the login page and comes back after. */
export const authGuard: CanActivateFn = async (_route, state) => {
  // inject() only works before the first await
  const auth = inject(AuthStore);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  return me
    ? true
    : router.createUrlTree(['/login'], { queryParams: { returnUrl: returnUrlFrom(state.url) } });
};

/** Sends `/` to the first page of the user's active role. */
export const homeRedirect: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ensureLoaded();
  return router.parseUrl(auth.home());
};
