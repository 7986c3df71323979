import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type {
  AccessRequestDto,
  CreateUserRequest,
  GrantRequestDto,
  PasswordSetupIssuedDto,
  UpdateUserRequest,
  UserDto,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { reloading } from '../../shared/store/reloading';
import { AdminApi } from './admin.api';

/** The users page's data: the users, the grants waiting for approval, and the units and areas roles may name. */
@Injectable()
export class UsersStore {
  private readonly api = inject(AdminApi);

  readonly users = rxResource({ stream: () => this.api.users(), defaultValue: [] });
  readonly units = rxResource({ stream: () => this.api.units(), defaultValue: [] });
  readonly areas = rxResource({ stream: () => this.api.areas(), defaultValue: [] });
  readonly grantRequests = rxResource({
    stream: () => this.api.grantRequests(),
    defaultValue: [] as GrantRequestDto[],
  });
  /**
   * Pending requests for access. Not part of `ready`: the page works without them (an API
   * without single sign-on), and shows their section only when there are some.
   */
  readonly accessRequests = rxResource({
    stream: () => this.api.accessRequests(),
    defaultValue: [] as AccessRequestDto[],
  });
  /**
   * The deployment's ways in, for the name of the region's provider in the list. Not part of
   * `ready` either: without it the list speaks of "the region's sign-in".
   */
  readonly loginMethods = rxResource({ stream: () => this.api.loginMethods() });
  readonly ready = computed(() => loaded(this.users, this.units, this.areas));

  create(body: CreateUserRequest): Observable<UserDto> {
    return this.api.createUser(body).pipe(reloading(this.users, this.grantRequests, this.accessRequests));
  }

  update(id: string, body: UpdateUserRequest): Observable<UserDto> {
    return this.api.updateUser(id, body).pipe(reloading(this.users, this.grantRequests));
  }

  decideGrant(id: string, outcome: 'approve' | 'reject'): Observable<void> {
    return this.api.decideGrant(id, outcome).pipe(reloading(this.users, this.grantRequests));
  }

  dismissAccessRequest(id: string): Observable<void> {
    return this.api.dismissAccessRequest(id).pipe(reloading(this.accessRequests));
  }

  sendPasswordLink(id: string): Observable<PasswordSetupIssuedDto> {
    return this.api.sendPasswordLink(id);
  }
}
