// The generated organisation: regions with their municipalities, areas, units, suppliers,
// price lists, policies and users. Everything is derived from the seed, ids included.
import { copyRecords } from './database.mjs';
import { cumulative, stream } from './random.mjs';

/** The 21 regions by county code. */
const REGIONS = [
  ['01', 'Region Stockholm'],
  ['03', 'Region Uppsala'],
  ['04', 'Region Sörmland'],
  ['05', 'Region Östergötland'],
  ['06', 'Region Jönköpings län'],
  ['07', 'Region Kronoberg'],
  ['08', 'Region Kalmar län'],
  ['09', 'Region Gotland'],
  ['10', 'Region Blekinge'],
  ['12', 'Region Skåne'],
  ['13', 'Region Halland'],
  ['14', 'Västra Götalandsregionen'],
  ['17', 'Region Värmland'],
  ['18', 'Region Örebro län'],
  ['19', 'Region Västmanland'],
  ['20', 'Region Dalarna'],
  ['21', 'Region Gävleborg'],
  ['22', 'Region Västernorrland'],
  ['23', 'Region Jämtland Härjedalen'],
  ['24', 'Region Västerbotten'],
  ['25', 'Region Norrbotten'],
];

export const COUNTY_CODES = REGIONS.map(([code]) => code);

export const GROUPS = ['LAKARE', 'SSK_BM', 'OVRIGA'];
export const GROUP_WEIGHTS = cumulative([45, 42, 13]);
/** Hourly price ranges (SEK) per profession group, for turning hours into cost. */
export const GROUP_RATES = { LAKARE: [1100, 1700], SSK_BM: [650, 950], OVRIGA: [500, 800] };

const CARE_SETTINGS = ['PRIMARVARD', 'SJUKHUSVARD', 'PSYKIATRI', 'OVRIGT'];
const CARE_SETTING_WEIGHTS = cumulative([45, 40, 12, 3]);

const SUPPLIERS = [
  ['556712-3459', 'Norrlandsbemanning AB', ['LAKARE', 'SJUKSKOTERSKA']],
  ['559012-8731', 'Stafettläkarna i Norr AB', ['LAKARE']],
  ['556198-2348', 'Vårdkraft Bemanning AB', ['SJUKSKOTERSKA']],
  ['559334-1208', 'Inlandets Vårdkonsulter AB', ['LAKARE', 'SJUKSKOTERSKA']],
  ['556640-9172', 'Fjällvård Rekrytering AB', ['SJUKSKOTERSKA']],
  ['556901-4417', 'Akutbemanning Syd AB', ['LAKARE', 'SJUKSKOTERSKA']],
];
/** Names on invoices from suppliers outside the agreement (off-agreement buying). */
export const OFF_AGREEMENT_SUPPLIERS = [
  'Läkarjouren Direkt AB',
  'Sjuksköterskepoolen AB',
  'Psykologkonsult AB',
];

/** The price list of every region (illustrative), per zone 1/2/3. */
export const PRICES = [
  ['LAKARE', 'LEGITIMERAD', ['900.00', '1100.00', '1300.00']],
  ['LAKARE', 'SPECIALIST', ['1125.00', '1375.00', '1625.00']],
  ['LAKARE', 'OVERLAKARE', ['1300.00', '1550.00', '1800.00']],
  ['SJUKSKOTERSKA', 'LEGITIMERAD', ['650.00', '750.00', '850.00']],
  ['SPECIALISTSJUKSKOTERSKA', 'SPECIALIST', ['750.00', '850.00', '950.00']],
  ['BARNMORSKA', 'LEGITIMERAD', ['720.00', '820.00', '920.00']],
];

/** Every region stops hiring: each order needs a dispensation (the heaviest submit path). */
export const POLICY = {
  hiringStop: {
    enabled: true,
    all: true,
    professionGroups: [],
    specialties: [],
    areaIds: [],
    reason: 'Anställningsstopp för inhyrd personal (benchmark)',
  },
};

/** The one password of every generated account. */
export const PASSWORD = 'hyrkoll-bench';

/**
 * The organisation of a profile, deterministic from the seed. Units carry a weight (how much
 * they hire) used by the history generator.
 */
export function buildWorld(profile, seed) {
  if (profile.regions > REGIONS.length) throw new Error(`at most ${REGIONS.length} regions`);
  // Region 24 first: the demo region's code, so that a one-region run looks familiar.
  const codes = [REGIONS.find(([c]) => c === '24'), ...REGIONS.filter(([c]) => c !== '24')];
  const regions = codes.slice(0, profile.regions).map(([code, name], index) => {
    const r = stream(seed, 'org', code);
    const id = r.uuid();
    const municipalities = Array.from({ length: 10 }, (_, m) => ({
      id: r.uuid(),
      code: `${code}${String(m + 1).padStart(2, '0')}`,
      name: `${name.replace(/^Region /, '')} kommun ${m + 1}`,
      zone: r.int(1, 3),
    }));
    const areas = Array.from({ length: profile.areasPerRegion }, (_, a) => ({
      id: r.uuid(),
      code: `OMR-${String(a + 1).padStart(2, '0')}`,
      name: `Område ${a + 1}`,
    }));
    const units = areas.flatMap((area, a) =>
      Array.from({ length: profile.unitsPerArea }, (_, u) => {
        const municipality = r.pick(municipalities);
        return {
          id: r.uuid(),
          costCentre: `${code}${String(a + 1).padStart(2, '0')}${String(u + 1).padStart(2, '0')}`,
          name: `Enhet ${a + 1}.${u + 1}`,
          areaId: area.id,
          areaIndex: a,
          municipalityId: municipality.id,
          zone: municipality.zone,
          careSetting: r.weighted(CARE_SETTINGS, CARE_SETTING_WEIGHTS),
          weight: 0.2 + 2.8 * r.next() ** 2,
        };
      }),
    );
    const suppliers = SUPPLIERS.map(([organisationNumber, supplierName, lots]) => ({
      id: r.uuid(),
      organisationNumber,
      name: supplierName,
      lots,
    }));
    const user = (key, email, userName, roles) => ({ key, id: r.uuid(), email, name: userName, roles });
    const mail = (local) => `${local}.r${code}@bench.hyrkoll.se`;
    const users = [
      user('purchaser', mail('inkopare'), `Inköpare ${code}`, [{ role: 'PURCHASER' }]),
      user('steering', mail('styrgrupp'), `Styrgrupp ${code}`, [{ role: 'STEERING_GROUP' }]),
      user('administrator', mail('admin'), `Administratör ${code}`, [{ role: 'ADMINISTRATOR' }]),
      user('director', mail('hsdir'), `Hälso- och sjukvårdsdirektör ${code}`, [
        { role: 'HEALTHCARE_DIRECTOR' },
      ]),
      ...areas.map((area, a) =>
        user(`chief-${a}`, mail(`omradeschef${a + 1}`), `Områdeschef ${code}-${a + 1}`, [
          { role: 'AREA_CHIEF', areaId: area.id },
        ]),
      ),
      ...units.map((unit, u) =>
        user(`manager-${u}`, mail(`chef${unit.costCentre}`), `Enhetschef ${unit.costCentre}`, [
          { role: 'UNIT_MANAGER', unitId: unit.id },
        ]),
      ),
    ];
    const byKey = Object.fromEntries(users.map((u) => [u.key, u]));
    return {
      index,
      code,
      name,
      id,
      municipalities,
      areas,
      units,
      unitWeights: cumulative(units.map((u) => u.weight)),
      suppliers,
      supplierWeights: cumulative(suppliers.map((_, s) => 6 - s)),
      users,
      byKey,
      imports: { purchased: r.uuid(), own: r.uuid(), national: r.uuid() },
    };
  });
  return { seed, regions };
}

/** Inserts the organisation, agreement data, policies and users (small: one COPY per table). */
export async function insertWorld(client, world, passwordHash) {
  const each = (list) => world.regions.flatMap((region) => list(region).map((item) => [region, item]));
  await copyRecords(
    client,
    'regions',
    world.regions.map((r) => ({ id: r.id, code: r.code, name: r.name })),
  );
  await copyRecords(
    client,
    'municipalities',
    each((r) => r.municipalities).map(([r, m]) => ({
      id: m.id,
      region_id: r.id,
      code: m.code,
      name: m.name,
      price_zone: m.zone,
    })),
  );
  await copyRecords(
    client,
    'areas',
    each((r) => r.areas).map(([r, a]) => ({ id: a.id, region_id: r.id, code: a.code, name: a.name })),
  );
  await copyRecords(
    client,
    'units',
    each((r) => r.units).map(([r, u]) => ({
      id: u.id,
      region_id: r.id,
      area_id: u.areaId,
      municipality_id: u.municipalityId,
      cost_centre: u.costCentre,
      name: u.name,
      care_setting: u.careSetting,
    })),
  );
  await copyRecords(
    client,
    'users',
    each((r) => r.users).map(([r, u]) => ({
      id: u.id,
      region_id: r.id,
      email: u.email,
      name: u.name,
      password_hash: passwordHash,
      locale: 'sv',
    })),
  );
  await copyRecords(
    client,
    'role_assignments',
    each((r) => r.users).flatMap(([r, u]) =>
      u.roles.map((g) => ({
        user_id: u.id,
        region_id: r.id,
        role: g.role,
        unit_id: g.unitId ?? null,
        area_id: g.areaId ?? null,
      })),
    ),
  );
  await copyRecords(
    client,
    'suppliers',
    each((r) => r.suppliers).map(([r, s]) => ({
      id: s.id,
      region_id: r.id,
      organisation_number: s.organisationNumber,
      name: s.name,
      lots: s.lots,
    })),
  );
  await copyRecords(
    client,
    'price_list',
    each(() => PRICES).flatMap(([r, [profession, level, zones]]) =>
      zones.map((rate, z) => ({
        region_id: r.id,
        profession,
        competence_level: level,
        price_zone: z + 1,
        hourly_rate: rate,
        valid_from: '2015-01-01',
        illustrative: true,
      })),
    ),
  );
  await copyRecords(
    client,
    'travel_allowances',
    world.regions.map((r) => ({ region_id: r.id, amount_per_week: '2500.00', valid_from: '2015-01-01' })),
  );
  await copyRecords(
    client,
    'dispensation_policies',
    world.regions.map((r) => ({ region_id: r.id, policy: POLICY })),
  );
}
