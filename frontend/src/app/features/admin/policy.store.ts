import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DispensationPolicy } from '@hyrkoll/contracts';
import { catchError, map, Observable, of } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { reloading } from '../../shared/store/reloading';
import { AdminApi, VersionedPolicy } from './admin.api';

/** The policy page's data: the policy in force, the areas a hiring stop may name, its last change. */
@Injectable()
export class PolicyStore {
  private readonly api = inject(AdminApi);

  readonly policy = rxResource({ stream: () => this.api.policy() });
  readonly areas = rxResource({ stream: () => this.api.areas(), defaultValue: [] });
  /** Who changed the policy last: none while it is the default, nor when the audit trail cannot be read. */
  readonly lastChange = rxResource({
    stream: () =>
      this.api.policyChanges(1).pipe(
        map(([last]) => last ?? null),
        catchError(() => of(null)),
      ),
  });
  readonly ready = computed(() => loaded(this.policy, this.areas));

  save(version: number, policy: DispensationPolicy): Observable<VersionedPolicy> {
    return this.api.savePolicy(version, policy).pipe(reloading(this.policy, this.lastChange));
  }
}
