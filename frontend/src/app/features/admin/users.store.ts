import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type {
  CreateUserRequest,
  PasswordSetupIssuedDto,
  UpdateUserRequest,
  UserDto,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

import { loaded } from '../../shared/store/load-state.component';
import { reloading } from '../../shared/store/reloading';
import { AdminApi } from './admin.api';

/** The users page's data: the users, and the units and areas their roles may name. */
@Injectable()
export class UsersStore {
  private readonly api = inject(AdminApi);

  readonly users = rxResource({ stream: () => this.api.users(), defaultValue: [] });
  readonly units = rxResource({ stream: () => this.api.units(), defaultValue: [] });
  readonly areas = rxResource({ stream: () => this.api.areas(), defaultValue: [] });
  readonly ready = computed(() => loaded(this.users, this.units, this.areas));

  create(body: CreateUserRequest): Observable<UserDto> {
    return this.api.createUser(body).pipe(reloading(this.users));
  }

  update(id: string, body: UpdateUserRequest): Observable<UserDto> {
    return this.api.updateUser(id, body).pipe(reloading(this.users));
  }

  sendPasswordLink(id: string): Observable<PasswordSetupIssuedDto> {
    return this.api.sendPasswordLink(id);
  }
}
