import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { DispensationNotice, NoticeSource } from '../notifications/notice-source';
import { loadDispensation, toDispensationDto } from './dispensations.queries';

/** The dispensations as the notification e-mails read them. */
@Injectable()
export class DispensationNotices implements NoticeSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dispensation(regionId: string, dispensationId: string): Promise<DispensationNotice | null> {
    const row = await loadDispensation(this.dataSource.manager, regionId, dispensationId);
    if (!row) return null;
    return {
      dispensation: toDispensationDto(row),
      regionId: row.region_id,
      areaId: row.area_id,
      status: row.status,
      step: row.step === 2 ? 2 : 1,
      requestedBy: row.requested_by,
      decidedEarlier: (row.decisions ?? [])
        .filter((x) => x.step < row.step && x.outcome === 'APPROVED')
        .map((x) => x.decidedById),
    };
  }
}
