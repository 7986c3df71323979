// The generated history: orders with their dispensations and decisions, purchased hours,
// own-staff cost and the national comparison. Rows are produced one at a time by generators
// (never held in memory) and streamed into the tables with COPY, or written as import files.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyRecords } from './database.mjs';
import { HISTORY_END } from './profiles.mjs';
import { cumulative, stream } from './random.mjs';
import {
  COUNTY_CODES,
  GROUP_RATES,
  GROUP_WEIGHTS,
  GROUPS,
  OFF_AGREEMENT_SUPPLIERS,
  PRICES,
} from './world.mjs';

/** `count` months ending with HISTORY_END, as YYYY-MM. */
export function monthsEndingAtHistoryEnd(count) {
  const [year, month] = HISTORY_END.split('-').map(Number);
  const end = year * 12 + month - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = end - count + 1 + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** Öre (or centi-hours) as a decimal string with two places: 123456 → "1234.56". */
export function twoPlaces(hundredths, comma = false) {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}${comma ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
}

function addDays(isoDate, days) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const PROFESSIONS = PRICES.map(([profession, level, zones]) => ({
  profession,
  level,
  zones,
  group: profession === 'LAKARE' ? 'LAKARE' : 'SSK_BM',
}));
const PROFESSION_WEIGHTS = cumulative([10, 25, 8, 30, 15, 12]);
const REASONS = ['VACANCY', 'LEAVE_COVER', 'PEAK_LOAD', 'RECRUITMENT_PENDING', 'OTHER'];
/** The rules of an order under the hiring stop, as JSON text (arrays would go in as SQL arrays). */
const HIRING_STOP_RULES = JSON.stringify([
  {
    rule: 'HIRING_STOP',
    reason: 'The region has a hiring stop on all orders: Anställningsstopp för inhyrd personal (benchmark)',
    params: {},
    blocking: false,
  },
]);

/**
 * The orders of one region created in one month, with their dispensation (if any). Every
 * order is finished (completed, closed, cancelled or rejected) and every dispensation decided,
 * so the worker's scheduled checks find nothing to do in the generated history.
 */
export function ordersOf(world, region, months, monthIndex, perMonth, dispensationShare) {
  const month = months[monthIndex];
  const r = stream(world.seed, 'orders', region.code, month);
  return Array.from({ length: perMonth }, (_, k) => {
    const unitIndex = region.units.indexOf(r.weighted(region.units, region.unitWeights));
    const unit = region.units[unitIndex];
    const p = r.weighted(PROFESSIONS, PROFESSION_WEIGHTS);
    const createdOn = `${month}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const start = addDays(createdOn, r.int(7, 45));
    const weeks = r.int(2, 20);
    const hours = weeks * 40;
    const rateOre = Math.round(Number(p.zones[unit.zone - 1]) * 100);
    const totalOre = rateOre * hours;
    const withDispensation = r.chance(dispensationShare);
    const outcome = withDispensation
      ? r.weighted(['EXPIRED', 'REVOKED', 'REJECTED', 'WITHDRAWN'], cumulative([60, 5, 20, 15]))
      : null;
    const status =
      outcome === 'REJECTED'
        ? 'REJECTED'
        : outcome === 'WITHDRAWN'
          ? 'CANCELLED'
          : r.weighted(['COMPLETED', 'CLOSED', 'CANCELLED'], cumulative([70, 20, 10]));
    const createdAt = `${createdOn}T${String(r.int(7, 16)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00Z`;
    const decidedAt = `${addDays(createdOn, r.int(1, 6))}T10:00:00Z`;
    return {
      id: r.uuid(),
      reference: `HK-${month.replace('-', '')}-${region.code}-${String(k + 1).padStart(3, '0')}`,
      unitIndex,
      unit,
      profession: p,
      start,
      end: addDays(start, weeks * 7 - 1),
      hours,
      reason: r.pick(REASONS),
      status,
      createdAt,
      estimate: {
        hourlyRate: twoPlaces(rateOre),
        hours: `${hours}.00`,
        labourCost: twoPlaces(totalOre),
        travelAllowance: '0.00',
        extras: '0.00',
        total: twoPlaces(totalOre),
        priceZone: unit.zone,
        missingPrice: null,
      },
      totalOre,
      dispensation: withDispensation
        ? { id: r.uuid(), outcome, decidedAt, revokedAt: `${addDays(start, weeks * 3)}T10:00:00Z` }
        : null,
    };
  });
}

/** Orders of the last four months, by unit: what purchased hours of a month may refer to. */
class OrderPool {
  constructor(world, region, months, perMonth, dispensationShare) {
    Object.assign(this, { world, region, months, perMonth, dispensationShare });
    this.cache = new Map();
  }

  forMonth(monthIndex) {
    const byUnit = new Map();
    for (let m = Math.max(0, monthIndex - 3); m <= monthIndex; m++) {
      if (!this.cache.has(m)) {
        this.cache.set(
          m,
          ordersOf(this.world, this.region, this.months, m, this.perMonth, this.dispensationShare),
        );
        for (const key of this.cache.keys()) if (key < monthIndex - 4) this.cache.delete(key);
      }
      for (const order of this.cache.get(m)) {
        if (order.status === 'REJECTED') continue;
        const list = byUnit.get(order.unitIndex) ?? [];
        list.push(order);
        byUnit.set(order.unitIndex, list);
      }
    }
    return byUnit;
  }
}

/**
 * Purchased-hours rows of one region and month: a unit (by how much it hires), a profession
 * group, a supplier (now and then one outside the agreement), hours and cost (now and then a
 * credit note), and for about half of them an order of the same unit. `variant` gives another
 * set of rows for the same month (a corrected file).
 */
function* purchasedRows(world, region, month, count, ordersByUnit, variant = 0) {
  const r = stream(world.seed, 'purchased', region.code, month, variant);
  for (let k = 0; k < count; k++) {
    const unitIndex = region.units.indexOf(r.weighted(region.units, region.unitWeights));
    const group = r.weighted(GROUPS, GROUP_WEIGHTS);
    const offAgreement = r.chance(0.06);
    const supplier = offAgreement ? null : r.weighted(region.suppliers, region.supplierWeights);
    const supplierText = offAgreement ? r.pick(OFF_AGREEMENT_SUPPLIERS) : null;
    const sign = r.chance(0.02) ? -1 : 1;
    const centiHours = sign * r.int(200, 16_000);
    const [low, high] = GROUP_RATES[group];
    const costOre = centiHours * r.int(low, high);
    const candidates = r.chance(0.5) ? ordersByUnit.get(unitIndex) : undefined;
    const order = candidates ? r.pick(candidates) : null;
    yield { unit: region.units[unitIndex], group, supplier, supplierText, centiHours, costOre, order };
  }
}

function orderSizes(profile, sizes) {
  return { perMonth: sizes.ordersPerRegionMonth, share: profile.dispensationShare };
}

/** Loads the whole history of every region with COPY (foreign-key checks off for the session). */
export async function loadHistory(client, world, profile, sizes, progress) {
  const months = monthsEndingAtHistoryEnd(sizes.months);
  const { perMonth, share } = orderSizes(profile, sizes);
  const counts = {};
  await client.query(`SET session_replication_role = replica`);

  const historyImport = (region, id, kind) => ({
    id,
    region_id: region.id,
    kind,
    status: 'DONE',
    file_name: 'bench-history',
    months,
    created_by: region.byKey.purchaser.id,
    finished_at: '2026-01-01T00:00:00Z',
    message: 'Generated history',
  });
  await copyRecords(
    client,
    'imports',
    world.regions.flatMap((region) => [
      historyImport(region, region.imports.purchased, 'purchased-hours'),
      historyImport(region, region.imports.own, 'own-staff-cost'),
      ...(region.index === 0 ? [historyImport(region, region.imports.national, 'national-comparison')] : []),
    ]),
  );

  function* eachOrder() {
    for (const region of world.regions) {
      for (let m = 0; m < months.length; m++) {
        for (const order of ordersOf(world, region, months, m, perMonth, share)) yield { region, order };
      }
    }
  }
  const manager = (region, order) => region.byKey[`manager-${order.unitIndex}`].id;
  const chief = (region, order) => region.byKey[`chief-${order.unit.areaIndex}`].id;

  progress('orders');
  counts.orders = await copyRecords(
    client,
    'orders',
    (function* () {
      for (const { region, order: o } of eachOrder()) {
        yield {
          id: o.id,
          region_id: region.id,
          reference: o.reference,
          unit_id: o.unit.id,
          area_id: o.unit.areaId,
          status: o.status,
          profession: o.profession.profession,
          competence_level: o.profession.level,
          period_start: o.start,
          period_end: o.end,
          hours: `${o.hours}.00`,
          reason: o.reason,
          price_zone: o.unit.zone,
          estimate: o.estimate,
          estimated_total: o.estimate.total,
          rules: o.dispensation ? HIRING_STOP_RULES : '[]',
          created_by: manager(region, o),
          submitted_at: o.createdAt,
          created_at: o.createdAt,
          updated_at: o.createdAt,
        };
      }
    })(),
  );

  progress('dispensations');
  counts.dispensations = await copyRecords(
    client,
    'dispensations',
    (function* () {
      for (const { region, order: o } of eachOrder()) {
        const d = o.dispensation;
        if (!d) continue;
        const granted = d.outcome === 'EXPIRED' || d.outcome === 'REVOKED';
        yield {
          id: d.id,
          region_id: region.id,
          order_id: o.id,
          unit_id: o.unit.id,
          area_id: o.unit.areaId,
          status: d.outcome,
          step: 1,
          steps_required: 1,
          rules: HIRING_STOP_RULES,
          patient_safety_need: 'Patientsäkerheten kräver bemanning',
          alternatives_tried: 'Egen personal, bemanningspool och övertid prövade',
          requested_by: manager(region, o),
          submitted_at: o.createdAt,
          waiting_since: o.createdAt,
          estimated_cost: o.estimate.total,
          valid_from: granted ? o.start : null,
          valid_to: granted ? o.end : null,
          created_at: o.createdAt,
          updated_at: d.decidedAt,
        };
      }
    })(),
  );

  progress('dispensation decisions');
  counts.decisions = await copyRecords(
    client,
    'dispensation_decisions',
    (function* () {
      for (const { region, order: o } of eachOrder()) {
        const d = o.dispensation;
        if (!d || d.outcome === 'WITHDRAWN') continue;
        const decision = {
          dispensation_id: d.id,
          region_id: region.id,
          step: 1,
          decided_by: chief(region, o),
        };
        const outcome = d.outcome === 'REJECTED' ? 'REJECTED' : 'APPROVED';
        yield { ...decision, outcome, decided_at: d.decidedAt, comment: null };
        if (d.outcome === 'REVOKED') {
          yield { ...decision, outcome: 'REVOKED', decided_at: d.revokedAt, comment: 'Behovet upphörde' };
        }
      }
    })(),
  );

  progress('purchased hours');
  counts.purchasedHours = await copyRecords(
    client,
    'purchased_hours',
    (function* () {
      for (const region of world.regions) {
        const pool = new OrderPool(world, region, months, perMonth, share);
        for (let m = 0; m < months.length; m++) {
          const ordersByUnit = pool.forMonth(m);
          for (const row of purchasedRows(
            world,
            region,
            months[m],
            sizes.purchasedPerRegionMonth,
            ordersByUnit,
          )) {
            yield {
              region_id: region.id,
              month: `${months[m]}-01`,
              unit_id: row.unit.id,
              area_id: row.unit.areaId,
              care_setting: row.unit.careSetting,
              profession_group: row.group,
              supplier_id: row.supplier?.id ?? null,
              supplier_text: row.supplier?.name ?? row.supplierText,
              hours: twoPlaces(row.centiHours),
              cost_sek: twoPlaces(row.costOre),
              order_ref: row.order?.reference ?? null,
              order_id: row.order?.id ?? null,
              import_id: region.imports.purchased,
            };
          }
        }
        progress(`purchased hours: ${region.name}`);
      }
    })(),
  );

  progress('own-staff cost');
  // Sized so that the hired share comes out near 4 % (a row is ≈ 81 hours at ≈ 1 000 SEK).
  const averageRowOre = 8_100 * 1_000;
  const units = profile.areasPerRegion * profile.unitsPerArea;
  const ownPerUnitOre = Math.round((sizes.purchasedPerRegionMonth * averageRowOre) / 0.04 / units);
  counts.ownStaffCosts = await copyRecords(
    client,
    'own_staff_costs',
    (function* () {
      for (const region of world.regions) {
        const r = stream(world.seed, 'own', region.code);
        for (const month of months) {
          for (const area of region.areas) {
            const unitsBySetting = new Map();
            for (const unit of region.units) {
              if (unit.areaId !== area.id) continue;
              unitsBySetting.set(unit.careSetting, (unitsBySetting.get(unit.careSetting) ?? 0) + 1);
            }
            for (const [setting, unitCount] of unitsBySetting) {
              for (const [group, share] of OWN_GROUP_SHARES) {
                const ore = Math.round(ownPerUnitOre * unitCount * share * (0.97 + 0.06 * r.next()));
                yield {
                  region_id: region.id,
                  month: `${month}-01`,
                  area_id: area.id,
                  care_setting: setting,
                  profession_group: group,
                  cost_sek: twoPlaces(ore),
                  budget_sek: r.chance(0.1) ? null : twoPlaces(Math.round(ore * 1.02)),
                  import_id: region.imports.own,
                };
              }
            }
          }
        }
      }
    })(),
  );

  progress('national comparison');
  const national = stream(world.seed, 'national');
  const levels = new Map(COUNTY_CODES.map((code) => [code, 1.5 + 11 * national.next() ** 2]));
  counts.nationalComparison = await copyRecords(
    client,
    'national_comparison',
    (function* () {
      for (const [i, month] of months.entries()) {
        for (const code of COUNTY_CODES) {
          const share = levels.get(code) + 0.3 * Math.sin((i + Number(code)) / 3);
          yield {
            region_id: world.regions[0].id,
            month: `${month}-01`,
            region_code: code,
            hired_share_percent: share.toFixed(3),
            import_id: world.regions[0].imports.national,
          };
        }
      }
    })(),
  );

  await client.query(`RESET session_replication_role`);
  return counts;
}

/** Own-staff cost per profession group, as shares of an area's cost. */
const OWN_GROUP_SHARES = [
  ['LAKARE', 0.25],
  ['SSK_BM', 0.4],
  ['OVRIGA', 0.35],
];

/**
 * Writes a purchased-hours import file (`;`, decimal comma, as a Swedish spreadsheet saves it)
 * for one region: `rowsPerMonth` rows for each of `monthIndexes`. Returns the rows written and
 * the total cost per month in öre (what the metrics must show once the file is in).
 */
export async function writePurchasedHoursFile(
  path,
  world,
  profile,
  sizes,
  region,
  monthIndexes,
  rowsPerMonth,
  variant,
) {
  const months = monthsEndingAtHistoryEnd(sizes.months);
  const { perMonth, share } = orderSizes(profile, sizes);
  const pool = new OrderPool(world, region, months, perMonth, share);
  const out = createWriteStream(path);
  const totals = {};
  let rows = 0;
  let chunk = 'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n';
  for (const m of monthIndexes) {
    const month = months[m];
    totals[month] = 0;
    for (const row of purchasedRows(world, region, month, rowsPerMonth, pool.forMonth(m), variant)) {
      const supplier = row.supplier?.organisationNumber ?? row.supplierText;
      chunk += `${month};${row.unit.costCentre};${row.group};${supplier};${twoPlaces(row.centiHours, true)};${twoPlaces(row.costOre, true)};${row.order?.reference ?? ''}\n`;
      totals[month] += row.costOre;
      rows++;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { rows, totals, months: monthIndexes.map((m) => months[m]) };
}
