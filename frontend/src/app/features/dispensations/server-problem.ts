import { apiErrorOf } from '../../shared/forms/api-error';

/**
 * What the page says about a request the API did not carry out, read from its error body:
 * - `stale`: 409, someone else changed the thing first; `status` is its state now (when known);
 * - `fields`: 400 naming fields the page has labels for (the label keys, in the API's order);
 * - `message`: anything else with a message from the API (English), shown as it is;
 * - `failed`: no answer, or one without a message.
 */
export type ServerProblem =
  | { kind: 'stale'; status: string | null }
  | { kind: 'fields'; labels: string[] }
  | { kind: 'message'; message: string }
  | { kind: 'failed' };

/**
 * Reads an HttpClient error into a ServerProblem. `labels` maps the API's field paths (e.g.
 * `justification.patientSafetyNeed`) to the Transloco keys of the page's labels; a field with
 * no label, or a path below a labelled one, is named by its nearest labelled parent.
 */
export function serverProblem(error: unknown, labels: Readonly<Record<string, string>>): ServerProblem {
  const api = apiErrorOf(error);
  if (!api) return { kind: 'failed' };
  if (api.status === 409) return { kind: 'stale', status: currentStatus(error) };
  if (api.status === 400) {
    const named = Object.keys(api.fields)
      .map((field) => labelOf(field, labels))
      .filter((label): label is string => label !== null);
    if (named.length) return { kind: 'fields', labels: [...new Set(named)] };
  }
  return api.message ? { kind: 'message', message: api.message } : { kind: 'failed' };
}

function labelOf(field: string, labels: Readonly<Record<string, string>>): string | null {
  for (let path = field; path; path = path.slice(0, Math.max(path.lastIndexOf('.'), 0))) {
    if (labels[path]) return labels[path];
  }
  return null;
}

/** The state the API named in a 409 (`details.currentStatus`), or null. */
function currentStatus(error: unknown): string | null {
  const body = (error as { error?: unknown }).error;
  const details = typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : null;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const status = (details as { currentStatus?: unknown }).currentStatus;
  return typeof status === 'string' ? status : null;
}
