/** Route paths of the API, shared by the backend controllers, the frontend and the tests. */
export const API_PREFIX = 'api';

export const ApiPath = {
  health: 'health',
  docs: 'docs',
  docsJson: 'docs-json',
  authLogin: 'auth/login',
  authLogout: 'auth/logout',
  authMe: 'auth/me',
  authMeLocale: 'auth/me/locale',
  authMethods: 'auth/methods',
  authNoAccess: 'auth/no-access',
  /** `auth/oidc/:region/login`: starts a sign-in through the region's identity provider. */
  authOidcLogin: 'auth/oidc/:region/login',
  authOidcCallback: 'auth/oidc/callback',
  /** `auth/oidc/:region/backchannel-logout`: the provider ends sessions (OIDC Back-Channel Logout). */
  authOidcBackchannelLogout: 'auth/oidc/:region/backchannel-logout',
  accessRequests: 'access-requests',
  audit: 'audit',
  users: 'users',
  grantRequests: 'grant-requests',
  passwordSetup: 'password-setup',
  passwordSetupCheck: 'password-setup/check',
  policy: 'policy',
  agreementSuppliers: 'agreement/suppliers',
  agreementPrices: 'agreement/prices',
  agreementTravelAllowances: 'agreement/travel-allowances',
  agreementMunicipalities: 'agreement/municipalities',
  agreementFormerEmployees: 'agreement/former-employees',
  orders: 'orders',
  orderEstimate: 'orders/estimate',
  ordersPublishMany: 'orders/publish-many',
  meWaiting: 'me/waiting',
  dispensations: 'dispensations',
  imports: 'imports',
  purchasedHours: 'purchased-hours',
  metrics: 'metrics',
  boardComments: 'board-comments',
  orgAreas: 'org/areas',
  orgUnits: 'org/units',
  orgMunicipalities: 'org/municipalities',
  clientErrors: 'client-errors',
  adminQueues: 'admin/queues',
  operatorLogin: 'operator/login',
  operatorLogout: 'operator/logout',
  operatorMe: 'operator/me',
  operatorWrites: 'operator/writes',
  operationsStatus: 'operations/status',
} as const;

/** Absolute URL path of an API route, e.g. `apiUrl(ApiPath.health)` → `/api/health`. */
export function apiUrl(path: (typeof ApiPath)[keyof typeof ApiPath]): string {
  return `/${API_PREFIX}/${path}`;
}
