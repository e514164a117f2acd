import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Sign-in and token hardening. `users.disabled_at`: a disabled user cannot sign in or refresh,
 * and their access tokens stop working. `account_lockouts`: failed passwords per account in the
 * current window, and until when the account is locked. `token_revocations`: the short list
 * every server process keeps in memory and checks each request against (a refresh family, a
 * user or a desk whose access tokens issued before `not_before` are refused); a row is needed
 * only until every token it could refuse has expired (`expires_at`). Frozen in time.
 */
export const signInTokens: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
    await db.schema
      .createTable('account_lockouts')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_started_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
    await db.schema
      .createIndex('account_lockouts_by_tenant')
      .on('account_lockouts')
      .columns(['tenant_id', 'locked_until'])
      .execute();
    await db.schema
      .createTable('token_revocations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('not_before', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('token_revocations_by_expiry')
      .on('token_revocations')
      .column('expires_at')
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('token_revocations').execute();
    await db.schema.dropTable('account_lockouts').execute();
    await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  },
};
