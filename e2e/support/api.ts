import type { DispensationDto, MeDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { APIRequestContext, expect, request as playwrightRequest } from '@playwright/test';

import { daysFromToday } from './dates';
import { DEMO_PASSWORD, DEMO_USERS } from './login.page';

/** A demo user's API session, for the steps a test does not click through. */
export interface ApiSession {
  context: APIRequestContext;
  /** The CSRF token every change needs. */
  headers: { 'x-csrf-token': string };
  /** Posts a change and expects 200; its answer. */
  post: <T>(path: string, data: unknown) => Promise<T>;
}

/** Logs a demo user in through the API, in a context of its own (dispose it after). */
export async function apiSession(baseURL: string | undefined, email: string): Promise<ApiSession> {
  const context = await playwrightRequest.newContext({ baseURL });
  const me = (await (
    await context.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })
  ).json()) as MeDto;
  const headers = { 'x-csrf-token': me.csrfToken };
  return {
    context,
    headers,
    post: async <T>(path: string, data: unknown): Promise<T> => {
      const res = await context.post(path, { headers, data });
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    },
  };
}

/** What an order submitted by `submitOrder` is; every part has a default. */
export interface OrderSpec {
  /** The unit's cost centre: 120102 (Kåge, Eva's, area NSO-SKE) by default. */
  costCentre?: string;
  profession?: string;
  competenceLevel?: string;
  hours?: string;
  reason?: string;
  /** The period, in days from today: 30 to 60 by default. */
  fromDay?: number;
  toDay?: number;
  patientSafetyNeed?: string;
  alternativesTried?: string;
}

/** An order as submitted, and the dispensation it asked for. */
export interface SubmittedOrder {
  order: OrderDto;
  dispensation: DispensationDto;
}

/**
 * A unit manager (by default Eva) drafts and submits an order with a justification, through the
 * API: the order as submitted and its dispensation (the demo policy's rules, such as the hiring
 * stop in NSO-SKE, make the default order need one).
 */
export async function submitOrder(session: ApiSession, spec: OrderSpec = {}): Promise<SubmittedOrder> {
  const units = (await (await session.context.get('/api/org/units')).json()) as UnitDto[];
  const unit = units.find((u) => u.costCentre === (spec.costCentre ?? '120102')) as UnitDto;
  const draftAnswer = await session.context.post('/api/orders', {
    headers: session.headers,
    data: {
      unitId: unit.id,
      profession: spec.profession ?? 'BARNMORSKA',
      competenceLevel: spec.competenceLevel ?? 'LEGITIMERAD',
      periodStart: daysFromToday(spec.fromDay ?? 30),
      periodEnd: daysFromToday(spec.toDay ?? 60),
      hours: spec.hours ?? '150',
      reason: spec.reason ?? 'LEAVE_COVER',
    },
  });
  expect(draftAnswer.status(), await draftAnswer.text()).toBe(201);
  const draft = (await draftAnswer.json()) as OrderDto;
  const order = await session.post<OrderDto>(`/api/orders/${draft.id}/submit`, {
    version: draft.version,
    justification: {
      patientSafetyNeed: spec.patientSafetyNeed ?? 'Förlossningen saknar barnmorskor i juli',
      alternativesTried: spec.alternativesTried ?? 'Poolen är fullbokad; övertid räcker inte',
    },
  });
  expect(order.dispensationId, `${order.reference} asked for no dispensation`).toBeTruthy();
  const dispensation = (await (
    await session.context.get(`/api/dispensations/${order.dispensationId}`)
  ).json()) as DispensationDto;
  return { order, dispensation };
}

/** The unit manager (Eva) submits an order in a session of her own, closed after. */
export async function submittedOrder(
  baseURL: string | undefined,
  spec: OrderSpec = {},
): Promise<SubmittedOrder> {
  const eva = await apiSession(baseURL, DEMO_USERS.unitManager);
  try {
    return await submitOrder(eva, spec);
  } finally {
    await eva.context.dispose();
  }
}

/** The area chief of NSO-SKE (Maria) grants the dispensation as it stands, in a session of her own. */
export async function approveDispensation(
  baseURL: string | undefined,
  dispensation: DispensationDto,
): Promise<void> {
  const maria = await apiSession(baseURL, DEMO_USERS.areaChief);
  try {
    await maria.post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version });
  } finally {
    await maria.context.dispose();
  }
}
