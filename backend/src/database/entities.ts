import { AuditEvent } from '../modules/audit/audit-event.entity';
import { Session } from '../modules/auth/session.entity';
import { Area } from '../modules/org/entities/area.entity';
import { Municipality } from '../modules/org/entities/municipality.entity';
import { Region } from '../modules/org/entities/region.entity';
import { Unit } from '../modules/org/entities/unit.entity';
import { RoleAssignment } from '../modules/users/entities/role-assignment.entity';
import { User } from '../modules/users/entities/user.entity';

/** Every entity, listed as classes: a bundle has no files to glob. */
export const ENTITIES = [Region, Municipality, Area, Unit, User, RoleAssignment, Session, AuditEvent];
