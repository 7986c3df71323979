import { MonoTypeOperatorFunction, tap } from 'rxjs';

/** For a store's save: once the API has accepted the change, the resources it changed load anew. */
export function reloading<T>(...resources: { reload(): boolean }[]): MonoTypeOperatorFunction<T> {
  return tap(() => resources.forEach((resource) => resource.reload()));
}
