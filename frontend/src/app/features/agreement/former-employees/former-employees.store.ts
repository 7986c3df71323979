import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { FormerEmployeeDto } from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

import { loaded } from '../../../shared/store/load-state.component';
import { reloading } from '../../../shared/store/reloading';
import { AgreementApi, KarensCheckRequest, KarensCheckResult, NewFormerEmployee } from '../agreement.api';

/** The register of former employees, newest end of employment first, and the karens check. */
@Injectable()
export class FormerEmployeesStore {
  private readonly api = inject(AgreementApi);

  readonly people = rxResource({ stream: () => this.api.formerEmployees(), defaultValue: [] });
  readonly ready = computed(() => loaded(this.people));

  register(body: NewFormerEmployee): Observable<FormerEmployeeDto> {
    return this.api.registerFormerEmployee(body).pipe(reloading(this.people));
  }

  remove(id: string): Observable<void> {
    return this.api.removeFormerEmployee(id).pipe(reloading(this.people));
  }

  check(body: KarensCheckRequest): Observable<KarensCheckResult> {
    return this.api.checkKarens(body);
  }
}
