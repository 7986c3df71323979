import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Area } from './entities/area.entity';
import { Municipality } from './entities/municipality.entity';
import { Region } from './entities/region.entity';
import { Unit } from './entities/unit.entity';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region, Area, Unit, Municipality])],
  controllers: [OrgController],
  providers: [OrgService],
  exports: [OrgService],
})
export class OrgModule {}
