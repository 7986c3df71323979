import { demoSeedRefusal } from './demo';

describe('the demo data', () => {
  it('is refused in production mode unless --allow-production is given', () => {
    expect(demoSeedRefusal('production', false)).toMatch(/NODE_ENV is production.*--allow-production/);
    expect(demoSeedRefusal('production', true)).toBeNull();
  });

  it('is loaded in development and test mode', () => {
    expect(demoSeedRefusal('development', false)).toBeNull();
    expect(demoSeedRefusal('test', false)).toBeNull();
  });
});
