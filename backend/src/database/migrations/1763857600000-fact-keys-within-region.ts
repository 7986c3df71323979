import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fact tables' references name their region: a purchased-hours row's unit, supplier and
 * order, and an own-staff-cost row's area, must belong to the row's own region (the single-column
 * keys let a row of one region point at another region's unit). The separate key to `regions`
 * goes, as the unit's (or the area's) key implies it: every unit and area is in a region. A
 * written purchased-hours row is checked against four keys instead of five, an own-staff-cost
 * row against two instead of three; each costs about 7 µs a row in an import (docs/performance.md).
 */
export class FactKeysWithinRegion1763857600000 implements MigrationInterface {
  name = 'FactKeysWithinRegion1763857600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE purchased_hours
        DROP CONSTRAINT purchased_hours_region_id_fkey,
        DROP CONSTRAINT purchased_hours_unit_id_fkey,
        DROP CONSTRAINT purchased_hours_supplier_id_fkey,
        DROP CONSTRAINT purchased_hours_order_id_fkey,
        ADD CONSTRAINT purchased_hours_unit_fkey FOREIGN KEY (unit_id, region_id)
          REFERENCES units (id, region_id) ON DELETE RESTRICT,
        ADD CONSTRAINT purchased_hours_supplier_fkey FOREIGN KEY (supplier_id, region_id)
          REFERENCES suppliers (id, region_id) ON DELETE RESTRICT,
        ADD CONSTRAINT purchased_hours_order_fkey FOREIGN KEY (order_id, region_id)
          REFERENCES orders (id, region_id) ON DELETE RESTRICT`);
    await q.query(`
      ALTER TABLE own_staff_costs
        DROP CONSTRAINT own_staff_costs_region_id_fkey,
        DROP CONSTRAINT own_staff_costs_area_id_fkey,
        ADD CONSTRAINT own_staff_costs_area_fkey FOREIGN KEY (area_id, region_id)
          REFERENCES areas (id, region_id) ON DELETE RESTRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE own_staff_costs
        DROP CONSTRAINT own_staff_costs_area_fkey,
        ADD CONSTRAINT own_staff_costs_area_id_fkey FOREIGN KEY (area_id) REFERENCES areas (id) ON DELETE RESTRICT,
        ADD CONSTRAINT own_staff_costs_region_id_fkey FOREIGN KEY (region_id) REFERENCES regions (id) ON DELETE RESTRICT`);
    await q.query(`
      ALTER TABLE purchased_hours
        DROP CONSTRAINT purchased_hours_unit_fkey,
        DROP CONSTRAINT purchased_hours_supplier_fkey,
        DROP CONSTRAINT purchased_hours_order_fkey,
        ADD CONSTRAINT purchased_hours_region_id_fkey FOREIGN KEY (region_id) REFERENCES regions (id) ON DELETE RESTRICT,
        ADD CONSTRAINT purchased_hours_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT,
        ADD CONSTRAINT purchased_hours_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id) ON DELETE RESTRICT,
        ADD CONSTRAINT purchased_hours_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT`);
  }
}
