import type { ErrorParams } from '@hyrkoll/contracts';

import type { Translate } from '../translate';
import type { ApiProblem, FieldProblem } from './api-problem';

/** Params that name a thing to be worded, and where their words are. */
const WORDED: Record<string, (value: string, problem: { code: string }) => string> = {
  permission: (v) => `errors.permission.${v}`,
  currentStatus: (v, p) =>
    p.code === 'DISPENSATION_WRONG_STATE'
      ? `errors.dispensationStatus.${v}`
      : p.code === 'IMPORT_WRONG_STATE'
        ? `errors.importStatus.${v}`
        : p.code === 'GRANT_REQUEST_WRONG_STATE'
          ? `errors.grantRequestStatus.${v}`
          : p.code === 'ACCESS_REQUEST_WRONG_STATE'
            ? `errors.accessRequestStatus.${v}`
            : `orderStatus.${v}`,
  rules: (v) => `rule.${v}`,
  problems: (v) => `bidIssue.${v}`,
  filter: (v) => `errors.filter.${v}`,
};

/** Params that are limits, shown as numbers in the UI's locale even when sent as decimal text. */
const LIMITS = new Set(['min', 'max', 'maxDigits', 'maxChars', 'maxMb']);

/** An ISO timestamp, as the API sends deadlines and lock-outs. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The UI's locale for numbers and times, as its translation file names it (`errors.locale`). */
function localeOf(t: Translate): string {
  const locale = t('errors.locale');
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'sv-SE';
  } catch {
    return 'sv-SE';
  }
}

/**
 * The params of a code as its words need them: named things worded, numbers, decimals and times
 * in the UI's locale (`errors.locale`), lists joined.
 */
function wordParams(params: ErrorParams | undefined, code: string, t: Translate): Record<string, string> {
  const locale = localeOf(t);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const word = (key: string, value: string): string => {
    const where = WORDED[key];
    if (where) return t(where(value, { code }));
    if (TIMESTAMP.test(value)) {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(value),
      );
    }
    // a limit sent as an exact decimal ("20000.00") reads as a number; other text (a cost centre
    // such as "120101", an organisation number) is shown as it is
    return LIMITS.has(key) && /^\d+(\.\d+)?$/.test(value) ? number.format(Number(value)) : value;
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value === 'number') out[key] = number.format(value);
    else if (typeof value === 'string') out[key] = word(key, value);
    else out[key] = value.map((v) => word(key, v)).join(', ');
  }
  return out;
}

/**
 * What went wrong with a request, in the UI's language, from the API's code and params. With the
 * `labels` of the page's fields (the API's field paths to translation keys), a refusal of named
 * fields says which: `Kontrollera ”Alternativ som prövats”.` A path with no label of its own is
 * named by its nearest labelled parent.
 */
export function problemText(
  problem: ApiProblem,
  t: Translate,
  labels?: Readonly<Record<string, string>>,
): string {
  if (problem.code === 'VALIDATION_FAILED' && labels) {
    const named = [
      ...new Set(
        Object.keys(problem.fields)
          .map((field) => labelOf(field, labels))
          .filter((key): key is string => key !== null),
      ),
    ];
    if (named.length > 0)
      return t('errors.checkFields', { fields: named.map((key) => `”${t(key)}”`).join(', ') });
  }
  return t(`errors.code.${problem.code}`, wordParams(problem.params, problem.code, t));
}

function labelOf(field: string, labels: Readonly<Record<string, string>>): string | null {
  for (let path = field; path; path = path.slice(0, Math.max(path.lastIndexOf('.'), 0))) {
    if (labels[path]) return labels[path];
  }
  return null;
}

/** What is wrong with one field, in the UI's language; null when nothing is. */
export function fieldProblemText(problem: FieldProblem | null | undefined, t: Translate): string | null {
  if (!problem) return null;
  return t(`errors.field.${problem.code}`, wordParams(problem.params, problem.code, t));
}

/**
 * The alert of a form: its fields need fixing (the browser's checks), or what the API said
 * against it; null while neither.
 */
export function formAlertText(
  submission: { invalid: () => boolean; problem: () => ApiProblem | null },
  t: Translate,
): string | null {
  if (submission.invalid()) return t('errors.form');
  const problem = submission.problem();
  return problem ? problemText(problem, t) : null;
}
