import type { GeneralProblem } from '../../shared/forms/form-problem';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The state the API named in a 409 (`details.currentStatus`), or null. */
export function currentStatusOf(error: unknown): string | null {
  const body = (error as { error?: unknown } | null)?.error;
  const details = typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : null;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const status = (details as { currentStatus?: unknown }).currentStatus;
  return typeof status === 'string' ? status : null;
}

/** A refusal of an action on an order that names no field, worded from the orders scope. */
export interface OrderProblem {
  general: GeneralProblem;
  /** The order's state now, for a 409 (from the reloaded order, or as the API named it). */
  status: string | null;
}

/** The text of a general problem of an order action, in the page's language. */
export function orderProblemText(t: Translate, p: OrderProblem): string {
  if (p.general === 'stale') {
    return p.status
      ? t('orders.problem.stale', { status: t('orderStatus.' + p.status) })
      : t('orders.problem.staleUnknown');
  }
  return t('orders.problem.' + p.general);
}

/** Whole kronor or hours shown without decimals ("1375.00" → 0), else two. */
export function decimalsOf(value: string | null): 0 | 2 {
  return value !== null && /\.\d*[1-9]/.test(value) ? 2 : 0;
}

/**
 * Decimals for every amount of a cost breakdown: two when any part has öre (so that the parts
 * shown add up to the total shown), none when all are whole kronor.
 */
export function breakdownDecimals(e: {
  hourlyRate: string | null;
  labourCost: string | null;
  travelAllowance: string;
  extras: string;
  total: string | null;
}): 0 | 2 {
  return [e.hourlyRate, e.labourCost, e.travelAllowance, e.extras, e.total].some((v) => decimalsOf(v) === 2)
    ? 2
    : 0;
}
