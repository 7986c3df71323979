import { HttpClient, HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, ImportDto, ImportKind, ImportSourceDto } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

/**
 * The imports API. Provided by the imports route, where HttpClient runs on XMLHttpRequest:
 * fetch cannot report upload progress, and the upload's progress bar needs it.
 */
@Injectable()
export class ImportsApi {
  private readonly http = inject(HttpClient);

  /**
   * Sends the file as multipart (field "file") from `source`; emits upload progress, then the
   * queued import (validated by the worker, it waits for confirmation).
   */
  upload(kind: ImportKind, source: string, file: File): Observable<HttpEvent<ImportDto>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(kind)}`, form, {
      params: { source },
      reportProgress: true,
      observe: 'events',
    });
  }

  /** Writes a validated import (the worker does it; follow it until DONE). */
  confirm(id: string): Observable<ImportDto> {
    return this.http.post<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(id)}/confirm`, {});
  }

  /** Drops a validated import without writing it. */
  discard(id: string): Observable<ImportDto> {
    return this.http.post<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(id)}/discard`, {});
  }

  /** Takes a finished import back: its rows leave, the rows it replaced return. */
  undo(id: string): Observable<ImportDto> {
    return this.http.post<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(id)}/undo`, {});
  }

  /** The region's earlier sources of a kind, most recently used first. */
  sources(kind: ImportKind): Observable<ImportSourceDto[]> {
    return this.http.get<ImportSourceDto[]>(`${apiUrl(ApiPath.imports)}/sources`, { params: { kind } });
  }

  /** Progress and result of one import, with its row errors. */
  get(id: string): Observable<ImportDto> {
    return this.http.get<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(id)}`);
  }

  /** The region's latest imports, newest first (without their error lists). */
  list(): Observable<ImportDto[]> {
    return this.http.get<ImportDto[]>(apiUrl(ApiPath.imports));
  }
}
