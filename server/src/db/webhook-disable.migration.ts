import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A retailer admin can switch a webhook off and on again without losing its secret or its
 * delivery history: null is on. Frozen in time: never imports app code.
 */
export const webhookDisable: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('webhooks').addColumn('disabled_at', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('webhooks').dropColumn('disabled_at').execute();
  },
};
