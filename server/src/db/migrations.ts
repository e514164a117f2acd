import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { scriptAuthoring } from './script-authoring.migration';
import { answerAuthoring } from './answer-authoring.migration';
import { webhooksAndInsights } from './webhooks-insights.migration';
import { webhookDisable } from './webhook-disable.migration';
import { agentStates } from './agent-states.migration';
import { incidents } from './incidents.migration';
import { updateFeed } from './update-feed.migration';
import { outreachCalls } from './outreach-calls.migration';
import { outreachNoticeLog } from './outreach-notice-log.migration';
import { devices } from './devices.migration';
import { storedJsonFunction } from './stored-json.migration';
import { accessAudit } from './access-audit.migration';
import { signInTokens } from './sign-in-tokens.migration';
import { floorPresence } from './floor-presence.migration';
import { tenantOnboarding } from './tenant-onboarding.migration';
import { userLifecycle } from './user-lifecycle.migration';
import { incidentPolicy } from './incident-policy.migration';

/*
 * Frozen in time, portable between SQLite and PostgreSQL: text, integer and bigint columns,
 * JSON kept as text, booleans as 0/1.
 */
const initial: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('retention_days', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('centers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('center_id', 'text', (c) => c.references('centers.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('refresh_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('family_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('refresh_tokens_by_family')
      .on('refresh_tokens')
      .column('family_id')
      .execute();
    await db.schema
      .createTable('tenant_sequences')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('records')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('records_pk', ['tenant_id', 'type', 'id'])
      .execute();
    await db.schema
      .createIndex('records_by_seq')
      .on('records')
      .columns(['tenant_id', 'seq'])
      .execute();
    await db.schema
      .createTable('voc_records')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('voc_records_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('voc_records_by_center')
      .on('voc_records')
      .columns(['tenant_id', 'center_id', 'received_at'])
      .execute();
    await db.schema
      .createTable('server_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'server_settings',
      'voc_records',
      'records',
      'tenant_sequences',
      'refresh_tokens',
      'users',
      'centers',
      'tenants',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};

/** The VoC export and statistics read a tenant's records in (received_at, id) order. */
const vocExportIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('voc_records_by_received')
      .on('voc_records')
      .columns(['tenant_id', 'received_at', 'id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('voc_records_by_received').execute();
  },
};

export const serverMigrations: Record<string, Migration> = {
  '2026_11_23_0001_server': initial,
  '2026_11_23_0002_voc_export_index': vocExportIndex,
  '2026_11_23_0003_script_authoring': scriptAuthoring,
  '2026_11_23_0004_webhooks_insights': webhooksAndInsights,
  '2026_11_23_0005_answer_authoring': answerAuthoring,
  '2026_11_23_0006_webhook_disable': webhookDisable,
  '2026_12_06_0001_agent_states': agentStates,
  '2026_12_06_0101_update_feed': updateFeed,
  '2026_12_06_0102_outreach_notice_log': outreachNoticeLog,
  '2026_12_06_0201_incidents': incidents,
  '2026_12_06_0202_devices': devices,
  '2026_12_06_0203_stored_json': storedJsonFunction,
  '2026_12_06_0301_access_audit': accessAudit,
  '2026_12_06_0401_sign_in_tokens': signInTokens,
  '2026_12_07_0501_tenant_onboarding': tenantOnboarding,
  '2026_12_07_0701_floor_presence': floorPresence,
  '2026_12_07_0801_user_lifecycle': userLifecycle,
  '2026_12_07_1101_incident_policy': incidentPolicy,
  '2026_12_07_1201_outreach_calls': outreachCalls,
};

export const serverMigrationProvider: MigrationProvider = {
  getMigrations: async () => serverMigrations,
};
