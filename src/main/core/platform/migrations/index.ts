import type { Migration, MigrationProvider } from 'kysely/migration';
import * as retailerCache from './2026_11_23_0001_retailer_cache';
import * as lookupIndexes from './2026_11_23_0002_lookup_indexes';
import * as auditLog from './2026_11_23_0003_audit_log';
import * as customerIndexKey from './2026_11_23_0004_customer_index_key';
import * as predictionModels from './2026_11_23_0006_prediction_models';
import * as openShipmentsIndex from './2026_11_23_0007_open_shipments_index';
import * as knowledgeAnswerCenters from './2026_11_23_0008_knowledge_answer_centers';
import * as trackingNumberKey from './2026_12_06_0009_tracking_number_key';
import * as deskCalls from './2026_12_06_0010_desk_calls';
import * as agentStateReports from './2026_12_06_0011_agent_state_reports';
import * as supervisorAlerts from './2026_12_06_0021_supervisor_alerts';
import * as auditPush from './2026_12_06_0041_audit_push';
import * as outreachCandidates from './2026_12_07_0060_outreach_candidates';
import * as regionEvents from './2026_12_07_0080_region_events';
import * as afterSalesByOrder from './2026_12_07_0130_after_sales_by_order';
import * as outreachNotesUnderUpsert from './2026_12_07_0140_outreach_notes_under_upsert';

/**
 * Every migration, bundled (no folder reads at run time). Names sort in the order they run.
 * Migrations on synced tables are additive only; a test replays the chain to hold that.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_retailer_cache': retailerCache,
  '2026_11_23_0002_lookup_indexes': lookupIndexes,
  '2026_11_23_0003_audit_log': auditLog,
  '2026_11_23_0004_customer_index_key': customerIndexKey,
  '2026_11_23_0006_prediction_models': predictionModels,
  '2026_11_23_0007_open_shipments_index': openShipmentsIndex,
  '2026_11_23_0008_knowledge_answer_centers': knowledgeAnswerCenters,
  '2026_12_06_0009_tracking_number_key': trackingNumberKey,
  '2026_12_06_0010_desk_calls': deskCalls,
  '2026_12_06_0011_agent_state_reports': agentStateReports,
  '2026_12_06_0021_supervisor_alerts': supervisorAlerts,
  '2026_12_06_0041_audit_push': auditPush,
  '2026_12_07_0060_outreach_candidates': outreachCandidates,
  '2026_12_07_0080_region_events': regionEvents,
  '2026_12_07_0130_after_sales_by_order': afterSalesByOrder,
  '2026_12_07_0140_outreach_notes_under_upsert': outreachNotesUnderUpsert,
};

export const bundledMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
