import type Sqlite from 'better-sqlite3';
import type { Deletion } from '../../../shared/protocol/sync';

/**
 * Deletions and retention purges from the retailer, applied in the caller's transaction. A
 * deleted parent takes its children with it (an order its lines, shipments and their events).
 */
export function createRecordRemover(sqlite: Sqlite.Database) {
  const p = (source: string) => sqlite.prepare(source);
  const deleteShipmentsOfOrders = [
    p(
      `delete from tracking_events where shipment_id in (select id from shipments where order_id in (select value from json_each(?)))`,
    ),
    p(`delete from shipments where order_id in (select value from json_each(?))`),
    p(`delete from order_lines where order_id in (select value from json_each(?))`),
    p(`delete from returns where order_id in (select value from json_each(?))`),
    p(`delete from claims where order_id in (select value from json_each(?))`),
    p(`delete from orders where id in (select value from json_each(?))`),
  ];
  const customerChildren = [
    p('delete from customer_phones where customer_id = ?'),
    p('delete from customer_emails where customer_id = ?'),
    p('delete from contacts where customer_id = ?'),
    p('delete from notices where customer_id = ?'),
    p('delete from returns where customer_id = ?'),
    p('delete from claims where customer_id = ?'),
  ];
  const customerLocalId = p('select local_id from customers where id = ?');
  const ordersOfCustomer = p('select id from orders where customer_id = ?');
  const deleteSearch = p('delete from customer_search where rowid = ?');
  // The index is contentless (`contentless_delete`): a deletion only marks the row gone, and its
  // terms (names, phones, addresses' words) stay in the segment until the segment is rewritten.
  // The mark asks the retention purge to rewrite it (sync_state 'search_index_rewrite'); a
  // counter, so a removal made while a rewrite runs is not cleared with it.
  const markSearchIndexForRewrite = p(
    `insert into sync_state (key, value) values ('search_index_rewrite', '1')
       on conflict(key) do update set value = cast(value as integer) + 1`,
  );
  const deleteCustomer = p('delete from customers where id = ?');
  const simple: Record<string, Sqlite.Statement> = {
    return: p('delete from returns where id = ?'),
    claim: p('delete from claims where id = ?'),
    contact: p('delete from contacts where id = ?'),
    notice: p('delete from notices where id = ?'),
    reason: p('delete from reasons where code = ?'),
    knowledge_answer: p('delete from knowledge_answers where id = ?'),
    policy: p('delete from policies where id = ?'),
    region_closure: p('delete from region_closures where id = ?'),
  };
  const deleteShipment = [
    p('delete from tracking_events where shipment_id = ?'),
    p('delete from shipments where id = ?'),
  ];
  const deleteScriptVersion = p('delete from script_versions where script_id = ? and version = ?');

  const removeOrders = (orderIds: string[]) => {
    if (orderIds.length === 0) return;
    const json = JSON.stringify(orderIds);
    for (const statement of deleteShipmentsOfOrders) statement.run(json);
  };

  const removeCustomer = (id: string) => {
    removeOrders((ordersOfCustomer.all(id) as { id: string }[]).map((o) => o.id));
    for (const statement of customerChildren) statement.run(id);
    const row = customerLocalId.get(id) as { local_id: number } | undefined;
    if (row) {
      deleteSearch.run(row.local_id);
      markSearchIndexForRewrite.run();
    }
    deleteCustomer.run(id);
  };

  const purgeStatements = {
    oldOrders: p('select id from orders where placed_at < ?'),
    contacts: p('delete from contacts where occurred_at < ?'),
    notices: p('delete from notices where sent_at < ?'),
    oldContactRows: p('select rowid from contacts where occurred_at < ?'),
    oldNoticeRows: p('select rowid from notices where sent_at < ?'),
    deleteContactRows: p('delete from contacts where rowid in (select value from json_each(?))'),
    deleteNoticeRows: p('delete from notices where rowid in (select value from json_each(?))'),
    idleCustomers: p(
      'select id from customers c where c.updated_at < ? and not exists (select 1 from orders o where o.customer_id = c.id)',
    ),
  };
  const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
  const rowids = (rows: unknown[]) => (rows as { rowid: number }[]).map((r) => r.rowid);

  return {
    remove(deletions: readonly Deletion[]): number {
      for (const d of deletions) {
        switch (d.type) {
          case 'customer':
            removeCustomer(d.id);
            break;
          case 'order':
            removeOrders([d.id]);
            break;
          case 'shipment':
            for (const statement of deleteShipment) statement.run(d.id);
            break;
          case 'script_version': {
            const at = d.id.lastIndexOf('@');
            deleteScriptVersion.run(d.id.slice(0, at), Number(d.id.slice(at + 1)));
            break;
          }
          default:
            simple[d.type]?.run(d.id);
        }
      }
      return deletions.length;
    },

    /**
     * Drops customer history older than the retailer's retention window (`before`, a date):
     * old orders with everything hanging on them, old contacts and notices, and customers with
     * nothing left who have not changed since.
     */
    purgeBefore(before: string): void {
      removeOrders(ids(purgeStatements.oldOrders.all(before)));
      purgeStatements.contacts.run(before);
      purgeStatements.notices.run(before);
      for (const id of ids(purgeStatements.idleCustomers.all(before))) removeCustomer(id);
    },

    /**
     * The same purge found by reads alone (no write lock) and removed in parts (see
     * `purgeInSlices`). Only the sync worker writes retailer data, so what it found stays true
     * until it removes it. Idle customers are found after their orders are gone.
     */
    purgeable(before: string) {
      return {
        orders: ids(purgeStatements.oldOrders.all(before)),
        contacts: rowids(purgeStatements.oldContactRows.all(before)),
        notices: rowids(purgeStatements.oldNoticeRows.all(before)),
      };
    },
    idleCustomersBefore: (before: string) => ids(purgeStatements.idleCustomers.all(before)),
    removeOrders,
    removeContactRows: (rows: number[]) =>
      void purgeStatements.deleteContactRows.run(JSON.stringify(rows)),
    removeNoticeRows: (rows: number[]) =>
      void purgeStatements.deleteNoticeRows.run(JSON.stringify(rows)),
    removeCustomers: (customerIds: string[]) => customerIds.forEach(removeCustomer),
  };
}
