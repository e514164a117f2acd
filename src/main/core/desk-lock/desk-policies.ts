import type { Kysely } from 'kysely';
import {
  bulkAccessRulesFrom,
  type BulkAccessRule,
} from '../../../shared/access-audit/bulk-access-policies';
import {
  DEFAULT_IDLE_MINUTES,
  DEFAULT_OFFLINE_GRACE_HOURS,
  idleMinutesFrom,
  offlineGraceHoursFrom,
} from '../../../shared/desk-lock/desk-lock';
import type { Database } from '../platform/database';
import { readActivePolicies } from '../guidance';

/**
 * The retailer's policies that lock this desk, as last synced: its idle time (`desk_lock`), its
 * bulk-access rules (`bulk_access`) and how long the desk may stay offline before its customer
 * data locks (`data_protection`). The defaults hold until `refresh` reads them, which the core
 * does at start and after every pull; an unreadable cache keeps the defaults.
 */
export interface DeskPolicies {
  refresh(): Promise<void>;
  idleMinutes(): number;
  bulkAccessRules(): BulkAccessRule[];
  offlineGraceHours(): number;
}

export function createDeskPolicies(db: Kysely<Database>): DeskPolicies {
  let idleMinutes = DEFAULT_IDLE_MINUTES;
  let bulkAccessRules: BulkAccessRule[] = [];
  let offlineGraceHours = DEFAULT_OFFLINE_GRACE_HOURS;
  return {
    async refresh() {
      const policies = await readActivePolicies(db).catch(() => []);
      idleMinutes = idleMinutesFrom(policies);
      bulkAccessRules = bulkAccessRulesFrom(policies);
      offlineGraceHours = offlineGraceHoursFrom(policies);
    },
    idleMinutes: () => idleMinutes,
    bulkAccessRules: () => bulkAccessRules,
    offlineGraceHours: () => offlineGraceHours,
  };
}
