import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A bulk-access alert names its policy and count as data (JSON text), so the supervisor's floor
 * and the retailer admin read the policy's name in their language, not its id in a note.
 * Frozen in time.
 */
export const incidentPolicy: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('incident_events').addColumn('policy', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('incident_events').dropColumn('policy').execute();
  },
};
