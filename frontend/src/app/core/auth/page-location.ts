import { Injectable } from '@angular/core';

/**
 * Leaves the app for another address with a full page load: a sign-in at the region's identity
 * provider, or its end-session page after logging out. A service of its own, so that tests can
 * see where the browser was sent without leaving the page.
 */
@Injectable({ providedIn: 'root' })
export class PageLocation {
  assign(url: string): void {
    window.location.assign(url);
  }
}
