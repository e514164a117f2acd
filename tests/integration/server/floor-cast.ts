import { uuidV7 } from '../../../src/shared/uuid-v7';
import type { Policy } from '../../../src/shared/domain/guidance';
import type { AccessPush } from '../../../src/shared/protocol/access-audit';
import { TENANTS } from './test-server';

/**
 * Who acts in the floor and access-audit server suites, and what they push: retailer A's two
 * centers X and Y, one user of each role there, and the rows and policies the tests send.
 */

/** The databases a server suite runs on: SQLite always, PostgreSQL where `.ci/run` gives one. */
export const DATABASE_SUITES = [{ name: 'SQLite', postgres: false }];
if (process.env.KOE_TEST_DATABASE_URL) DATABASE_SUITES.push({ name: 'PostgreSQL', postgres: true });

export const A = TENANTS[0]!;
export const [X, Y] = A.centers as [string, string];
const userOf = (role: string, center: string | null) =>
  A.users.find((u) => u.role === role && u.centerId === center)!;
export const agentX = userOf('agent', X);
export const agentY = userOf('agent', Y);
export const trainerX = userOf('trainer', X);
export const supervisorX = userOf('supervisor', X);
export const supervisorY = userOf('supervisor', Y);
export const admin = userOf('retailer_admin', null);

/** One access-audit row as a desk pushes it (a phone number revealed), changed by `overrides`. */
export function access(overrides: Partial<AccessPush> = {}): AccessPush {
  return {
    id: uuidV7(),
    kind: 'pii_revealed',
    customerId: 'cust-1',
    callId: 'call-1',
    detail: { field: 'phone' },
    at: new Date().toISOString(),
    ...overrides,
  };
}

/** A live bulk-access policy as the retailer pushes it, labelled with its id. */
export function bulkPolicy(
  id: string,
  params: { metric: string; threshold: number; windowMinutes: number; action: string },
): Policy {
  return {
    id,
    kind: 'bulk_access',
    labelJa: `大量アクセス ${id}`,
    labelEn: `Bulk access ${id}`,
    params,
    active: true,
    updatedAt: new Date().toISOString(),
  };
}
