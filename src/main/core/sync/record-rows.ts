import type Sqlite from 'better-sqlite3';
import type { RetailerRecordType } from '../../../shared/protocol/records';

/** How a field is stored when not as it is: a list or object as JSON text, a boolean as 0 or 1. */
type Encode = (value: unknown) => unknown;
const json: Encode = (value) => JSON.stringify(value);
const bit: Encode = (value) => (value ? 1 : 0);
/** An answer for every center has no list: absent or empty, it is stored as null. */
const listOrNull: Encode = (value) =>
  Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : null;

/**
 * How a column is stored when not as the field is, by column name: the same name is the same
 * kind of value in every table.
 */
const ENCODED: Readonly<Record<string, Encode>> = {
  emails: json,
  flags: json,
  triggers: json,
  steps: json,
  tags: json,
  params: json,
  centers: listOrNull,
  avoidable_default: bit,
  active: bit,
};

/**
 * The table a record type writes its row to. Each column holds the record's field of the same
 * name in camelCase (`order_id` ← `orderId`), the first column is the key; `trailing` columns
 * come after them, their values given by the caller; `conflict: 'ignore'` keeps the stored row
 * (a published version never changes).
 */
interface RowTable {
  table: string;
  columns: string;
  trailing?: readonly string[];
  returning?: string;
  conflict?: 'ignore';
}

/** One column map a table: the only place a record's fields meet the cache's column names. */
const ROW_TABLES: Record<RetailerRecordType, RowTable> = {
  customer: {
    table: 'customers',
    columns: `id family_name given_name family_name_kana given_name_kana language tier
      lifetime_value currency prefecture postal_code address_line emails flags created_at
      updated_at`,
    trailing: ['index_key'],
    returning: 'local_id',
  },
  order: {
    table: 'orders',
    columns: 'id customer_id order_number placed_at status total currency updated_at',
  },
  shipment: {
    table: 'shipments',
    columns: `id order_id carrier tracking_number status shipped_at promised_date estimated_date
      delivered_at origin_prefecture destination_prefecture updated_at`,
  },
  return: {
    table: 'returns',
    columns: `id order_id customer_id kind status refund_status reason amount currency requested_at
      updated_at`,
  },
  claim: {
    table: 'claims',
    columns: `id order_id shipment_id customer_id type status outcome amount currency opened_at
      resolved_at updated_at`,
  },
  contact: {
    table: 'contacts',
    columns: 'id customer_id order_id channel direction occurred_at reason_code summary updated_at',
  },
  notice: {
    table: 'notices',
    columns: 'id customer_id order_id channel kind language sent_at message updated_at',
  },
  reason: {
    table: 'reasons',
    columns: 'code parent_code label_ja label_en avoidable_default sort_order active',
  },
  script_version: {
    table: 'script_versions',
    columns: 'script_id version language title triggers steps release_notes published_at',
    conflict: 'ignore',
  },
  knowledge_answer: {
    table: 'knowledge_answers',
    columns: 'id version language title body tags published_at centers',
  },
  policy: { table: 'policies', columns: 'id kind label_ja label_en params active updated_at' },
  region_closure: {
    table: 'region_closures',
    columns: 'id region carrier starts_on ends_on reason announced_at updated_at',
  },
};

/**
 * `insert … on conflict(key) do update` of every column, only when the record is not older; or
 * `insert or ignore` where the stored row never changes.
 */
function insertSql({ table, returning, conflict }: RowTable, columns: readonly string[]) {
  const key = columns[0]!;
  const insert = `into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  if (conflict === 'ignore') return `insert or ignore ${insert}`;
  const updates = columns
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const guard = columns.includes('updated_at')
    ? ` where excluded.updated_at >= ${table}.updated_at`
    : '';
  return (
    `insert ${insert} on conflict(${key}) do update set ${updates}${guard}` +
    (returning ? ` returning ${returning}` : '')
  );
}

const camelCase = (column: string) =>
  column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export interface RowWriter {
  /** `trailing`: the values of the table's trailing columns, in their order. */
  run(data: object, trailing?: readonly unknown[]): Sqlite.RunResult;
  get(data: object, trailing?: readonly unknown[]): unknown;
}

const NONE: readonly unknown[] = [];

/**
 * Reads a record's fields into one array in `columns`' order, each encoded as stored, then the
 * `trailing` values. Values are bound by position: named parameters, or a row object built for
 * each record, cost microseconds a row (a fifth of a bootstrap's JavaScript time).
 */
function rowValues(columns: readonly string[]) {
  const fields = columns.map(camelCase);
  const encoders = columns.map((c) => ENCODED[c]);
  return (data: object, trailing: readonly unknown[]): unknown[] => {
    const record = data as Record<string, unknown>;
    const row = new Array<unknown>(fields.length + trailing.length);
    for (let i = 0; i < fields.length; i++) {
      const value = record[fields[i]!];
      const encode = encoders[i];
      row[i] = encode ? encode(value) : value;
    }
    for (let i = 0; i < trailing.length; i++) row[fields.length + i] = trailing[i];
    return row;
  };
}

const columnsOf = (spec: RowTable) => spec.columns.split(/\s+/);

/** One row writer for each record type. */
export function prepareRowWriters(sqlite: Sqlite.Database): Record<RetailerRecordType, RowWriter> {
  const writer = (spec: RowTable): RowWriter => {
    const columns = columnsOf(spec);
    const statement = sqlite.prepare(insertSql(spec, [...columns, ...(spec.trailing ?? [])]));
    const values = rowValues(columns);
    return {
      run: (data, trailing = NONE) => statement.run(values(data, trailing)),
      get: (data, trailing = NONE) => statement.get(values(data, trailing)),
    };
  };
  const writers = {} as Record<RetailerRecordType, RowWriter>;
  for (const type of Object.keys(ROW_TABLES) as RetailerRecordType[]) {
    writers[type] = writer(ROW_TABLES[type]);
  }
  return writers;
}

/** The customer columns its search, phone and e-mail rows are made from (with the phones). */
const CUSTOMER_FINGERPRINT = new Set([
  'id',
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
]);

/**
 * Writes a customer's other columns where its stored row keeps its index rows: not newer, and
 * indexed under the same `indexKey` (names, kana, phones and e-mails unchanged). Returns whether
 * it did; when not, the caller writes the whole row and its index.
 */
export function prepareCustomerDetailsUpdate(
  sqlite: Sqlite.Database,
): (customer: { id: string; updatedAt: string }, indexKey: string) => boolean {
  const columns = columnsOf(ROW_TABLES.customer).filter((c) => !CUSTOMER_FINGERPRINT.has(c));
  const statement = sqlite.prepare(
    `update customers set ${columns.map((c) => `${c} = ?`).join(', ')} ` +
      'where id = ? and updated_at <= ? and index_key = ?',
  );
  const values = rowValues(columns);
  return (customer, indexKey) =>
    statement.run(values(customer, [customer.id, customer.updatedAt, indexKey])).changes > 0;
}
