import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/** The board commentary's SQL (decision 018). */

type Runner = Pick<EntityManager, 'query'>;

export interface BoardCommentRow {
  month: string;
  text: string;
  updated_at: Date;
  updated_by: string;
  updated_by_name: string;
  version: number;
}

const SELECT = `SELECT to_char(c.month, 'YYYY-MM') AS month, c.text, c.updated_at, c.updated_by,
                       u.name AS updated_by_name, c.version
                  FROM board_comments c JOIN users u ON u.id = c.updated_by`;

/** The commentary of a region's month (`YYYY-MM-01`), locked for a change when `lock`. */
export async function commentOf(
  m: Runner,
  regionId: string,
  month: string,
  lock = false,
): Promise<BoardCommentRow | undefined> {
  const [row] = await m.query<BoardCommentRow[]>(
    `${SELECT} WHERE c.region_id = $1 AND c.month = $2::date${lock ? ' FOR UPDATE OF c' : ''}`,
    [regionId, month],
  );
  return row;
}

export async function insertComment(
  m: Runner,
  row: { regionId: string; month: string; text: string; userId: string },
): Promise<void> {
  await m.query(
    `INSERT INTO board_comments (region_id, month, text, updated_by) VALUES ($1, $2::date, $3, $4)
     ON CONFLICT (region_id, month) DO NOTHING`,
    [row.regionId, row.month, row.text, row.userId],
  );
}

export async function updateComment(
  m: EntityManager,
  row: { regionId: string; month: string; text: string; userId: string; version: number },
): Promise<number> {
  const { affected } = await execute(
    m,
    `UPDATE board_comments SET text = $3, updated_by = $4, updated_at = now(), version = version + 1
      WHERE region_id = $1 AND month = $2::date AND version = $5 RETURNING month`,
    [row.regionId, row.month, row.text, row.userId, row.version],
  );
  return affected;
}
