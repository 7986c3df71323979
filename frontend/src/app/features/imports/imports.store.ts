import { HttpEventType } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { ImportDto, ImportKind } from '@hyrkoll/contracts';
import { firstValueFrom, map } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { uploadPercent } from './import-progress';
import { ImportsApi } from './imports.api';

/** What a write gave: its answer, or the error the page words. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The imports page's data: the region's latest imports and the earlier sources of the chosen kind
 * are resources; the upload and the decisions on an import set `busy`, say how they went and
 * read the list again. Following an import while the worker reads it is the page's (`get`).
 */
@Injectable()
export class ImportsStore {
  private readonly api = inject(ImportsApi);

  readonly busy = signal(false);

  readonly history = rxResource({ stream: () => this.api.list() });
  readonly historyReady = computed(() => loaded(this.history));

  /** The kind whose earlier sources the source field offers. */
  readonly sourcesKind = signal<ImportKind | undefined>(undefined);
  readonly sources = rxResource({
    params: () => this.sourcesKind(),
    stream: ({ params: kind }) =>
      this.api.sources(kind).pipe(map((s) => [...new Set(s.map((x) => x.source))])),
  });

  /** One import as it is now, with its row errors. */
  get(id: string): Promise<ImportDto> {
    return firstValueFrom(this.api.get(id));
  }

  /** Sends a file; `progress` hears the percent sent (null while the size is unknown). */
  upload(
    kind: ImportKind,
    source: string,
    file: File,
    progress: (percent: number | null) => void,
  ): Promise<Result<ImportDto>> {
    const queued = new Promise<ImportDto>((resolve, reject) => {
      this.api.upload(kind, source, file).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            progress(uploadPercent(event.loaded, event.total));
          } else if (event.type === HttpEventType.Response && event.body) {
            progress(100);
            resolve(event.body);
          }
        },
        error: reject,
        complete: () => reject(new Error('the upload ended without an answer')),
      });
    });
    return this.write(queued, false);
  }

  confirm(id: string): Promise<Result<ImportDto>> {
    return this.write(firstValueFrom(this.api.confirm(id)));
  }

  discard(id: string): Promise<Result<ImportDto>> {
    return this.write(firstValueFrom(this.api.discard(id)));
  }

  undo(id: string): Promise<Result<ImportDto>> {
    return this.write(firstValueFrom(this.api.undo(id)));
  }

  /** Waits for a write; the list is read again after a decision (an upload shows up once read). */
  private async write(call: Promise<ImportDto>, reloadHistory = true): Promise<Result<ImportDto>> {
    this.busy.set(true);
    try {
      const value = await call;
      if (reloadHistory) this.history.reload();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.busy.set(false);
    }
  }
}
