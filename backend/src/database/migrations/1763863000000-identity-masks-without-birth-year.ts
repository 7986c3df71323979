import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Masked identity numbers no longer show the birth year (`1991****-***8` → `********-***8`).
 * The stored masks hold only the last digit, and the number itself is not stored, so the rows
 * written before keep one digit; new rows show the last two (`********-**58`).
 */
export class IdentityMasksWithoutBirthYear1763863000000 implements MigrationInterface {
  name = 'IdentityMasksWithoutBirthYear1763863000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE former_employees SET identity_masked = '********-***' || right(identity_masked, 1)
       WHERE identity_masked ~ '^\\d{4}\\*{4}-\\*{3}\\d$'`);
    await q.query(`
      UPDATE bids SET consultant_identity_masked = '********-***' || right(consultant_identity_masked, 1)
       WHERE consultant_identity_masked ~ '^\\d{4}\\*{4}-\\*{3}\\d$'`);
  }

  async down(): Promise<void> {
    // the birth years are not stored anywhere: nothing to restore
  }
}
