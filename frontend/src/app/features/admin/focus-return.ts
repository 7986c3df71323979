import { afterNextRender, Injector } from '@angular/core';

/**
 * Keyboard focus for a panel that opens in the page: remembers the control that opened it
 * and gives focus back to that control when the panel closes (after the next render, when
 * the control may be enabled again).
 */
export class FocusReturn {
  private opener: HTMLElement | null = null;

  constructor(private readonly injector: Injector) {}

  /** Call when the panel opens; `focus` is the panel's heading, focused once it is shown. */
  opened(focus: () => HTMLElement | undefined): void {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    this.opener = active instanceof HTMLElement && active !== document.body ? active : null;
    afterNextRender(() => focus()?.focus(), { injector: this.injector });
  }

  /** Call when the panel closes, by saving or cancelling. */
  closed(): void {
    const opener = this.opener;
    this.opener = null;
    if (opener) afterNextRender(() => opener.isConnected && opener.focus(), { injector: this.injector });
  }
}
