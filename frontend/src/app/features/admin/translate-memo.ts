/** The `t` function of a `*transloco` template. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Builds something from the template's translate function once per language: `t` is a new
 * function after each change of language, so the result is rebuilt exactly then.
 */
export function memoByTranslator<R>(build: (t: Translate) => R): (t: Translate) => R {
  let last: { t: Translate; result: R } | null = null;
  return (t) => {
    if (last?.t !== t) last = { t, result: build(t) };
    return last.result;
  };
}
