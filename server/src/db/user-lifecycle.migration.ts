import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A user's life at the retailer: their name's kana reading and when they last signed in (the admin's users list shows it), and
 * why a desk was revoked (`revoked_reason`: `device_revoked` by the admin or a supervisor,
 * `center_disabled` when its center's contract ended, `user_disabled` when the user who last
 * signed in at it was disabled), so the desk can tell its agent in plain words. Frozen in time.
 */
export const userLifecycle: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('name_kana', 'text').execute();
    await db.schema.alterTable('users').addColumn('last_sign_in_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('revoked_reason', 'text').execute();
    // A user's disabling revokes the desks they last signed in at.
    await db.schema
      .createIndex('devices_by_last_user')
      .on('devices')
      .columns(['tenant_id', 'last_user_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('devices_by_last_user').execute();
    await db.schema.alterTable('devices').dropColumn('revoked_reason').execute();
    await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
    await db.schema.alterTable('users').dropColumn('name_kana').execute();
  },
};
