import { ApiPath, apiUrl } from './api-paths';

describe('apiUrl', () => {
  it('prefixes a route with /api', () => {
    expect(apiUrl(ApiPath.health)).toBe('/api/health');
    expect(apiUrl(ApiPath.orgUnits)).toBe('/api/org/units');
  });

  it('has no route path with a leading or trailing slash', () => {
    for (const path of Object.values(ApiPath)) {
      expect(path).not.toMatch(/^\/|\/$/);
    }
  });
});
