import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'REGISTERED', 'AWARDED', 'CONFIRMED', 'LAPSED', 'NOT_AWARDED'`;

/**
 * A bid whose order is cancelled is CANCELLED: before, a cancelled order kept its winning bid
 * AWARDED or CONFIRMED (and its other bids REGISTERED), as if the consultant were still coming.
 * Bids of orders already cancelled are mended.
 */
export class BidsCancelledWithOrder1763858200000 implements MigrationInterface {
  name = 'BidsCancelledWithOrder1763858200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bids DROP CONSTRAINT bids_status_check`);
    await q.query(
      `ALTER TABLE bids ADD CONSTRAINT bids_status_check CHECK (status IN (${BEFORE}, 'CANCELLED'))`,
    );
    await q.query(
      `UPDATE bids b SET status = 'CANCELLED' FROM orders o
        WHERE o.id = b.order_id AND o.status = 'CANCELLED' AND b.status IN ('REGISTERED', 'AWARDED', 'CONFIRMED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE bids SET status = 'NOT_AWARDED' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE bids DROP CONSTRAINT bids_status_check`);
    await q.query(`ALTER TABLE bids ADD CONSTRAINT bids_status_check CHECK (status IN (${BEFORE}))`);
  }
}
