import type { ImportKind, ImportRowError } from '@hyrkoll/contracts';
import {
  type ImportRow,
  normaliseOrganisationNumber,
  type OwnStaffCostRow,
  type PurchasedHoursRow,
} from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { areasOfRegion, ordersByReference, suppliersOfRegion, unitsOfRegion } from './imports.queries';

const SUPPLIER_TEXTS_KEPT = 10_000;

export interface ResolvedPurchasedHours {
  unitId: string;
  areaId: string;
  careSetting: string;
  supplierId: string | null;
  orderId: string | null;
}

/**
 * An organisation number as people write it (`556712 3459`, `556712–3459`, a non-breaking
 * space) reduced to digits and at most the one hyphen that normaliseOrganisationNumber reads.
 */
export function organisationNumberText(text: string): string {
  const compact = text.replace(/[\s\u00a0\u2010-\u2015\u2212-]/g, '');
  return /^\d{10}$/.test(compact) ? compact : text;
}

/**
 * Resolves the codes of an import's rows to the region's records: units by cost centre,
 * areas by code, suppliers by organisation number or name, orders by reference. An unknown
 * supplier is allowed (off-agreement buying); an unknown unit, area or order is an error.
 */
export class ImportLookups {
  private units = new Map<string, { id: string; area_id: string; care_setting: string }>();
  private areas = new Map<string, string>();
  private suppliersByNumber = new Map<string, string>();
  private suppliersByName = new Map<string, string>();
  private orders = new Map<string, { id: string; unit_id: string } | null>();
  /** Suppliers resolved by the cell's text: a file names a few suppliers on many lines. */
  private suppliersByText = new Map<string, string | null>();

  private constructor(
    private readonly m: EntityManager,
    private readonly regionId: string,
  ) {}

  static async load(m: EntityManager, regionId: string, kind: ImportKind): Promise<ImportLookups> {
    const lookups = new ImportLookups(m, regionId);
    if (kind === 'purchased-hours') {
      for (const u of await unitsOfRegion(m, regionId)) {
        lookups.units.set(u.cost_centre, u);
      }
      for (const s of await suppliersOfRegion(m, regionId)) {
        lookups.suppliersByNumber.set(s.organisation_number, s.id);
        lookups.suppliersByName.set(s.name.trim().toLowerCase(), s.id);
      }
    }
    if (kind === 'own-staff-cost') {
      for (const a of await areasOfRegion(m, regionId)) {
        lookups.areas.set(a.code, a.id);
      }
    }
    return lookups;
  }

  /** Loads the orders a batch refers to, in one query. */
  async preloadOrders(refs: Iterable<string>): Promise<void> {
    const missing = [...new Set(refs)].filter((r) => !this.orders.has(r));
    if (missing.length === 0) return;
    const found = await ordersByReference(this.m, this.regionId, missing);
    for (const ref of missing) this.orders.set(ref, null);
    for (const o of found) this.orders.set(o.reference, { id: o.id, unit_id: o.unit_id });
  }

  purchasedHours(
    row: PurchasedHoursRow,
    line: number,
    errors: ImportRowError[],
  ): ResolvedPurchasedHours | null {
    const unit = this.units.get(row.unitCode);
    if (!unit) {
      errors.push({
        line,
        column: 'unit_code',
        value: row.unitCode,
        reason: {
          sv: 'ingen enhet har detta kostnadsställe i regionen',
          en: 'no unit of the region has this cost centre',
        },
      });
      return null;
    }
    let orderId: string | null = null;
    if (row.orderRef) {
      const order = this.orders.get(row.orderRef);
      if (!order) {
        errors.push({
          line,
          column: 'order_ref',
          value: row.orderRef,
          reason: { sv: 'ingen beställning har denna referens', en: 'no order has this reference' },
        });
        return null;
      }
      if (order.unit_id !== unit.id) {
        errors.push({
          line,
          column: 'order_ref',
          value: row.orderRef,
          reason: { sv: 'beställningen gäller en annan enhet', en: 'the order belongs to another unit' },
        });
        return null;
      }
      orderId = order.id;
    }
    const supplierId = this.supplier(row.supplier);
    return { unitId: unit.id, areaId: unit.area_id, careSetting: unit.care_setting, supplierId, orderId };
  }

  /** The supplier a cell names by organisation number or name, or null (an unknown supplier). */
  private supplier(text: string): string | null {
    let id = this.suppliersByText.get(text);
    if (id === undefined) {
      const number = normaliseOrganisationNumber(organisationNumberText(text));
      id =
        (number && this.suppliersByNumber.get(number)) ||
        this.suppliersByName.get(text.trim().toLowerCase()) ||
        null;
      // a file of a million different names keeps memory bounded
      if (this.suppliersByText.size >= SUPPLIER_TEXTS_KEPT) this.suppliersByText.clear();
      this.suppliersByText.set(text, id);
    }
    return id;
  }

  ownStaffCost(row: OwnStaffCostRow, line: number, errors: ImportRowError[]): string | null {
    const areaId = this.areas.get(row.areaCode);
    if (!areaId)
      errors.push({
        line,
        column: 'area_code',
        value: row.areaCode,
        reason: { sv: 'inget område har denna kod i regionen', en: 'no area of the region has this code' },
      });
    return areaId ?? null;
  }
}

export type { ImportRow };
