import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AccessRequestDto,
  ApiPath,
  apiUrl,
  AreaDto,
  AuditEntity,
  AuditEventDto,
  CreateAreaRequest,
  CreateUnitRequest,
  CreateUserRequest,
  DispensationPolicy,
  GrantRequestDto,
  LoginMethodsDto,
  MunicipalityDto,
  OperationsStatusDto,
  PasswordSetupIssuedDto,
  UnitDto,
  UpdateAreaRequest,
  UpdateUnitRequest,
  UpdateUserRequest,
  UserDto,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

export interface VersionedPolicy {
  /** 0 while the region uses the default policy. */
  version: number;
  policy: DispensationPolicy;
}

/** The administrator's calls: users and roles, areas and units, the dispensation policy. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>(apiUrl(ApiPath.users));
  }

  createUser(body: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(apiUrl(ApiPath.users), body);
  }

  updateUser(id: string, body: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${apiUrl(ApiPath.users)}/${encodeURIComponent(id)}`, body);
  }

  grantRequests(): Observable<GrantRequestDto[]> {
    return this.http.get<GrantRequestDto[]>(apiUrl(ApiPath.grantRequests));
  }

  /** Approves or rejects a grant waiting for a second administrator. */
  decideGrant(id: string, outcome: 'approve' | 'reject'): Observable<void> {
    return this.http.post<void>(`${apiUrl(ApiPath.grantRequests)}/${encodeURIComponent(id)}/${outcome}`, {});
  }

  /** Identities that signed in through the region's provider without a user, waiting for an administrator. */
  /** The deployment's ways in, for the label of the region's provider. */
  loginMethods(): Observable<LoginMethodsDto> {
    return this.http.get<LoginMethodsDto>(apiUrl(ApiPath.authMethods));
  }

  accessRequests(): Observable<AccessRequestDto[]> {
    return this.http.get<AccessRequestDto[]>(apiUrl(ApiPath.accessRequests));
  }

  /** Dismisses an access request: no user is created (the person may sign in and ask again). */
  dismissAccessRequest(id: string): Observable<void> {
    return this.http.post<void>(`${apiUrl(ApiPath.accessRequests)}/${encodeURIComponent(id)}/dismiss`, {});
  }

  /** Mails the user a one-time link to choose their password; the answer says until when it works. */
  sendPasswordLink(id: string): Observable<PasswordSetupIssuedDto> {
    return this.http.post<PasswordSetupIssuedDto>(
      `${apiUrl(ApiPath.users)}/${encodeURIComponent(id)}/password-setup`,
      {},
    );
  }

  areas(): Observable<AreaDto[]> {
    return this.http.get<AreaDto[]>(apiUrl(ApiPath.orgAreas));
  }

  createArea(body: CreateAreaRequest): Observable<AreaDto> {
    return this.http.post<AreaDto>(apiUrl(ApiPath.orgAreas), body);
  }

  updateArea(id: string, body: UpdateAreaRequest): Observable<AreaDto> {
    return this.http.patch<AreaDto>(`${apiUrl(ApiPath.orgAreas)}/${encodeURIComponent(id)}`, body);
  }

  units(): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>(apiUrl(ApiPath.orgUnits));
  }

  createUnit(body: CreateUnitRequest): Observable<UnitDto> {
    return this.http.post<UnitDto>(apiUrl(ApiPath.orgUnits), body);
  }

  updateUnit(id: string, body: UpdateUnitRequest): Observable<UnitDto> {
    return this.http.patch<UnitDto>(`${apiUrl(ApiPath.orgUnits)}/${encodeURIComponent(id)}`, body);
  }

  municipalities(): Observable<MunicipalityDto[]> {
    return this.http.get<MunicipalityDto[]>(apiUrl(ApiPath.orgMunicipalities));
  }

  policy(): Observable<VersionedPolicy> {
    return this.http.get<VersionedPolicy>(apiUrl(ApiPath.policy));
  }

  savePolicy(version: number, policy: DispensationPolicy): Observable<VersionedPolicy> {
    return this.http.put<VersionedPolicy>(apiUrl(ApiPath.policy), { version, policy });
  }

  /** The newest change of the region's policy in the audit trail (none while it is the default). */
  policyChanges(limit = 1): Observable<AuditEventDto[]> {
    const params = new HttpParams().set('entityType', AuditEntity.POLICY).set('limit', limit);
    return this.http.get<AuditEventDto[]>(apiUrl(ApiPath.audit), { params });
  }

  /** The region's imports, rollups and jobs, for its administrator. */
  operationsStatus(): Observable<OperationsStatusDto> {
    return this.http.get<OperationsStatusDto>(apiUrl(ApiPath.operationsStatus));
  }
}
