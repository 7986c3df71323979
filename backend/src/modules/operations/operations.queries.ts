import type { OperationsImportDto, RollupMonthDto } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

/** The status page's SQL (decision 018): a region's recent imports and its rolled-up months. */

type Runner = Pick<EntityManager, 'query'>;

/** How many imports and months the page shows, and how many of an import's errors. */
export const RECENT_IMPORTS = 20;
export const RECENT_MONTHS = 24;
export const ERRORS_SHOWN = 5;

interface ImportStatusRow {
  id: string;
  kind: OperationsImportDto['kind'];
  status: OperationsImportDto['status'];
  source: string;
  file_name: string;
  error_count: number;
  errors: OperationsImportDto['errors'];
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The region's newest imports with their first errors, newest first. */
export async function recentImports(m: Runner, regionId: string): Promise<OperationsImportDto[]> {
  const rows = await m.query<ImportStatusRow[]>(
    `SELECT id, kind, status, source, file_name, error_count, message, created_at, finished_at,
            COALESCE((SELECT jsonb_agg(e.value ORDER BY e.n)
                        FROM jsonb_array_elements(i.errors) WITH ORDINALITY AS e (value, n)
                       WHERE e.n <= $3), '[]'::jsonb) AS errors
       FROM imports i WHERE region_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [regionId, RECENT_IMPORTS, ERRORS_SHOWN],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    source: r.source,
    fileName: r.file_name,
    errorCount: r.error_count,
    errors: r.errors,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  }));
}

/** When each of the region's latest months was last rolled up, newest month first. */
export async function rolledUpMonths(m: Runner, regionId: string): Promise<RollupMonthDto[]> {
  const rows = await m.query<{ month: string; rolled_up_at: Date }[]>(
    `SELECT to_char(month, 'YYYY-MM') AS month, rolled_up_at FROM rollup_months
      WHERE region_id = $1 ORDER BY month DESC LIMIT $2`,
    [regionId, RECENT_MONTHS],
  );
  return rows.map((r) => ({ month: r.month, rolledUpAt: r.rolled_up_at.toISOString() }));
}
