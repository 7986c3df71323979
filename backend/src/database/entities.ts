import { Area } from '../modules/org/entities/area.entity';
import { Municipality } from '../modules/org/entities/municipality.entity';
import { Region } from '../modules/org/entities/region.entity';
import { Unit } from '../modules/org/entities/unit.entity';

/** Every entity, listed as classes: a bundle has no files to glob. */
export const ENTITIES = [Region, Municipality, Area, Unit];
