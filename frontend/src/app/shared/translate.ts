/** The `t` function of a `*transloco="let t"` template, passed in from the template. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Builds something from the template's translate function once per language: `t` is a new
 * function after each change of language, so the result (export columns, say) is rebuilt exactly then.
 */
export function perLanguage<R>(build: (t: Translate) => R): (t: Translate) => R {
  let last: { t: Translate; result: R } | null = null;
  return (t) => {
    if (last?.t !== t) last = { t, result: build(t) };
    return last.result;
  };
}
