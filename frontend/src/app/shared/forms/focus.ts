import { afterNextRender, Injector } from '@angular/core';

/** Moves the focus to what `find` returns once the view shows the new state. */
export function focusAfterRender(injector: Injector, find: () => HTMLElement | null | undefined): void {
  afterNextRender(() => find()?.focus(), { injector });
}

/** The first field in `container` marked `aria-invalid="true"`. */
export function firstInvalid(container: HTMLElement | null | undefined): HTMLElement | null {
  return container?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null;
}

/**
 * Keyboard focus for a panel that opens in the page: remembers the control that opened it
 * and gives focus back to that control when the panel closes (after the next render, when
 * the control may be enabled again).
 */
export class FocusReturn {
  private opener: HTMLElement | null = null;

  constructor(private readonly injector: Injector) {}

  /** Call when the panel opens; `focus` is the panel's heading, focused once it is shown. */
  opened(focus: () => HTMLElement | null | undefined): void {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    this.opener = active instanceof HTMLElement && active !== document.body ? active : null;
    focusAfterRender(this.injector, focus);
  }

  /**
   * Call when the panel closes, by saving or cancelling. When the control that opened it is gone
   * (its row was resolved by the save, say), the focus goes to what `fallback` finds instead.
   */
  closed(fallback?: () => HTMLElement | null | undefined): void {
    const opener = this.opener;
    this.opener = null;
    if (opener || fallback) {
      focusAfterRender(this.injector, () => (opener?.isConnected ? opener : fallback?.()));
    }
  }
}
