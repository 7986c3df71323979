/** The fields of `next` whose value differs from `current`: the body of a PATCH. */
export function changedFields<T extends object>(next: T, current: { [K in keyof T]?: T[K] }): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== current[key]) changes[key] = next[key];
  }
  return changes;
}
