import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiPath,
  apiUrl,
  CompetenceLevel,
  FormerEmployeeDto,
  Lot,
  MunicipalityDto,
  PriceDto,
  PriceZone,
  Profession,
  SupplierDto,
  SupplierStatus,
  TravelAllowanceDto,
  UnitDto,
} from '@hyrkoll/contracts';
import { Observable } from 'rxjs';

export interface NewSupplier {
  organisationNumber: string;
  name: string;
  lots: Lot[];
}

/** A change of a supplier, based on the version the user saw. */
export interface SupplierChange {
  version: number;
  name?: string;
  lots?: Lot[];
  status?: SupplierStatus;
  quarantineReason?: string;
}

export interface NewPrice {
  profession: Profession;
  competenceLevel: CompetenceLevel;
  priceZone: PriceZone;
  hourlyRate: string;
  validFrom: string;
  validTo?: string;
}

export interface NewTravelAllowance {
  amountPerWeek: string;
  validFrom: string;
  validTo?: string;
}

export interface NewFormerEmployee {
  identityNumber: string;
  employmentEndedOn: string;
}

export interface KarensCheckRequest {
  identityNumber: string;
  /** The assignment's first day; the API takes today when absent. */
  on?: string;
}

export interface KarensCheckResult {
  inKarens: boolean;
  /** Null when the person is not in the register. */
  karensUntil: string | null;
}

export interface MunicipalityZone {
  code: string;
  name: string;
  priceZone: PriceZone;
}

/** The agreement data of the user's region, as the API keeps it. Writes are audited there. */
@Injectable({ providedIn: 'root' })
export class AgreementApi {
  private readonly http = inject(HttpClient);

  suppliers(): Observable<SupplierDto[]> {
    return this.http.get<SupplierDto[]>(apiUrl(ApiPath.agreementSuppliers));
  }

  createSupplier(body: NewSupplier): Observable<SupplierDto> {
    return this.http.post<SupplierDto>(apiUrl(ApiPath.agreementSuppliers), body);
  }

  updateSupplier(id: string, change: SupplierChange): Observable<SupplierDto> {
    return this.http.patch<SupplierDto>(
      `${apiUrl(ApiPath.agreementSuppliers)}/${encodeURIComponent(id)}`,
      change,
    );
  }

  prices(): Observable<PriceDto[]> {
    return this.http.get<PriceDto[]>(apiUrl(ApiPath.agreementPrices));
  }

  createPrice(body: NewPrice): Observable<PriceDto> {
    return this.http.post<PriceDto>(apiUrl(ApiPath.agreementPrices), body);
  }

  travelAllowances(): Observable<TravelAllowanceDto[]> {
    return this.http.get<TravelAllowanceDto[]>(apiUrl(ApiPath.agreementTravelAllowances));
  }

  createTravelAllowance(body: NewTravelAllowance): Observable<TravelAllowanceDto> {
    return this.http.post<TravelAllowanceDto>(apiUrl(ApiPath.agreementTravelAllowances), body);
  }

  municipalities(): Observable<MunicipalityDto[]> {
    return this.http.get<MunicipalityDto[]>(apiUrl(ApiPath.orgMunicipalities));
  }

  /** The units, to show how many each municipality's zone concerns. */
  units(): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>(apiUrl(ApiPath.orgUnits));
  }

  setPriceZone(code: string, priceZone: PriceZone): Observable<MunicipalityZone> {
    return this.http.patch<MunicipalityZone>(
      `${apiUrl(ApiPath.agreementMunicipalities)}/${encodeURIComponent(code)}`,
      { priceZone },
    );
  }

  formerEmployees(): Observable<FormerEmployeeDto[]> {
    return this.http.get<FormerEmployeeDto[]>(apiUrl(ApiPath.agreementFormerEmployees));
  }

  registerFormerEmployee(body: NewFormerEmployee): Observable<FormerEmployeeDto> {
    return this.http.post<FormerEmployeeDto>(apiUrl(ApiPath.agreementFormerEmployees), body);
  }

  checkKarens(body: KarensCheckRequest): Observable<KarensCheckResult> {
    return this.http.post<KarensCheckResult>(`${apiUrl(ApiPath.agreementFormerEmployees)}/check`, body);
  }

  removeFormerEmployee(id: string): Observable<void> {
    return this.http.delete<void>(`${apiUrl(ApiPath.agreementFormerEmployees)}/${encodeURIComponent(id)}`);
  }
}
