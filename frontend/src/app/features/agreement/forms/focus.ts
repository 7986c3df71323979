import { afterNextRender, Injector } from '@angular/core';

/** Moves the focus to what `find` returns once the view shows the new state. */
export function focusAfterRender(injector: Injector, find: () => HTMLElement | null | undefined): void {
  afterNextRender(() => find()?.focus(), { injector });
}

/** The first field in `container` marked `aria-invalid="true"`. */
export function firstInvalid(container: HTMLElement | null | undefined): HTMLElement | null {
  return container?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null;
}
