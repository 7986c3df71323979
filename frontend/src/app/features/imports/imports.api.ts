import { HttpClient, HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiPath, apiUrl, ImportDto, ImportKind } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

/**
 * The imports API. Provided by the imports route, where HttpClient runs on XMLHttpRequest:
 * fetch cannot report upload progress, and the upload's progress bar needs it.
 */
@Injectable()
export class ImportsApi {
  private readonly http = inject(HttpClient);

  /** Sends the file as multipart (field "file"); emits upload progress, then the queued import. */
  upload(kind: ImportKind, file: File): Observable<HttpEvent<ImportDto>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<ImportDto>(`${apiUrl(ApiPath.imports)}/${encodeURIComponent(kind)}`, form, {
      reportProgress: true,
      observe: 'events',
    });
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
