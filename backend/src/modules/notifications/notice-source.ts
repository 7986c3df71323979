import type { DispensationDto, DispensationStatus } from '@hyrkoll/contracts';

/** What an e-mail about a dispensation needs to know of it: whom to write, and what to say. */
export interface DispensationNotice {
  dispensation: DispensationDto;
  regionId: string;
  areaId: string;
  status: DispensationStatus;
  /** The step waiting for a decision. */
  step: 1 | 2;
  requestedBy: string;
  /** Who approved an earlier step: they do not decide this one. */
  decidedEarlier: string[];
}

/**
 * Where the notifications read what their e-mails are about. The dispensations module provides
 * it, and the worker's queue list hands it to `NotificationsWorkerModule.withNotices`: the
 * notifications name no feature above them.
 */
export abstract class NoticeSource {
  /** The dispensation as the e-mails need it, or null when there is none. */
  abstract dispensation(regionId: string, dispensationId: string): Promise<DispensationNotice | null>;
}
