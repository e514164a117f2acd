import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable } from '../access-audit/audit.table';
import type { ClaimTable, ReturnTable } from '../customers/after-sales.table';
import type {
  CustomerEmailTable,
  CustomerPhoneTable,
  CustomerSearchTable,
  CustomerTable,
} from '../customers/customer.table';
import type {
  KnowledgeAnswerTable,
  PolicyTable,
  ReasonTable,
  ScriptVersionTable,
} from '../guidance/guidance.table';
import type { ContactTable, NoticeTable } from '../customers/interaction.table';
import type {
  OrderLineTable,
  OrderTable,
  ShipmentTable,
  TrackingEventTable,
} from '../customers/order.table';
import type { SyncStateTable } from '../sync/sync-state.table';
import type { OutboxTable, VocRecordTable } from '../wrap-up/voc.table';

export interface Database {
  customers: CustomerTable;
  customer_phones: CustomerPhoneTable;
  customer_emails: CustomerEmailTable;
  customer_search: CustomerSearchTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  shipments: ShipmentTable;
  tracking_events: TrackingEventTable;
  returns: ReturnTable;
  claims: ClaimTable;
  contacts: ContactTable;
  notices: NoticeTable;
  reasons: ReasonTable;
  script_versions: ScriptVersionTable;
  knowledge_answers: KnowledgeAnswerTable;
  policies: PolicyTable;
  voc_records: VocRecordTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  audit_log: AuditLogTable;
}

/** A handle that may write: the database or a transaction on it. */
export type WriteDb = Kysely<Database> | Transaction<Database>;

/**
 * A handle for reads only. Repositories that only read take this type, so a read path cannot
 * grow a write by accident (the compiler has no insertInto/updateTable/deleteFrom on it).
 */
export type ReadDb = Pick<Kysely<Database>, 'selectFrom' | 'with' | 'fn'>;
