import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Club } from '../clubs/club.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';

export const entities = [Tenant, AdminUnit, Club, User];
