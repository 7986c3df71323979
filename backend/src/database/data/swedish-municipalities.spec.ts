import { DEMO_MUNICIPALITIES } from '../seeds/demo-region';
import { SWEDISH_COUNTIES, SWEDISH_MUNICIPALITIES } from './swedish-municipalities';

describe('the shipped list of Swedish municipalities', () => {
  it('has the 21 counties with two-digit codes', () => {
    expect(Object.keys(SWEDISH_COUNTIES)).toHaveLength(21);
    for (const [code, name] of Object.entries(SWEDISH_COUNTIES)) {
      expect(code).toMatch(/^(0[1-9]|1\d|2[0-5])$/);
      expect(name).toMatch(/ län$/);
    }
  });

  it('has 290 municipalities with unique four-digit codes, each in a county it names', () => {
    const codes = SWEDISH_MUNICIPALITIES.map(([code]) => code);
    expect(codes).toHaveLength(290);
    expect(new Set(codes).size).toBe(290);
    expect(new Set(SWEDISH_MUNICIPALITIES.map(([, name]) => name)).size).toBe(290);
    for (const [code, name] of SWEDISH_MUNICIPALITIES) {
      expect(code).toMatch(/^\d{4}$/);
      expect(SWEDISH_COUNTIES[code.slice(0, 2)]).toBeDefined();
      expect(name.trim()).toBe(name);
    }
    // every county has municipalities
    const counties = new Set(codes.map((c) => c.slice(0, 2)));
    expect([...counties].sort()).toEqual(Object.keys(SWEDISH_COUNTIES).sort());
  });

  it('agrees with the demo region (Västerbotten) on codes and names', () => {
    const vasterbotten = SWEDISH_MUNICIPALITIES.filter(([code]) => code.startsWith('24'));
    expect(vasterbotten.map(([code, name]) => [code, name])).toEqual(
      DEMO_MUNICIPALITIES.map(([code, name]) => [code, name]).sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(Object.fromEntries(SWEDISH_MUNICIPALITIES)).toMatchObject({
      '0180': 'Stockholm',
      '0380': 'Uppsala',
      '0980': 'Gotland',
      '1280': 'Malmö',
      '1480': 'Göteborg',
      '2584': 'Kiruna',
    });
  });
});
