import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { filter } from 'rxjs';

/** A signal that changes whenever the language is switched or a translation file arrives. */
export function translationsChanged(): Signal<unknown> {
  const transloco = inject(TranslocoService);
  return toSignal(
    transloco.events$.pipe(filter((e) => e.type === 'translationLoadSuccess' || e.type === 'langChanged')),
    { initialValue: null },
  );
}
