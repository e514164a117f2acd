import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The proactive outreach list as a maintained table: one row per open shipment
 * (not delivered, status label_created / in_transit / out_for_delivery / delayed) with what the
 * list needs around it, as JSON (the customer, the number to call, the order, the shipment with
 * its events, the customer's delay notices, the last proactive call from this desk). The list is
 * then one range read by promised date instead of a join over the whole cache (0.64 s at 1M).
 *
 * Kept current in the same transaction as the rows that change it: these triggers only note the
 * customer in `outreach_pending` (a cheap keyed insert); the writer recomputes the pending
 * customers' rows before it commits (outreach/outreach-table.ts), and a reader computes any
 * customer still pending itself, so the list never shows a stale row. A customer is noted only
 * when the change can matter: a shipment or event of an open parcel, or anything else about a
 * customer who has rows. Here every customer with an open parcel is noted; the desk fills their
 * rows in short slices after start.
 */
const OPEN = `('label_created', 'in_transit', 'out_for_delivery', 'delayed')`;
const HAS_ROWS = (customer: string) =>
  `exists (select 1 from outreach_candidates where customer_id = ${customer})`;
const NOTE = (customer: string) =>
  `insert or ignore into outreach_pending (customer_id) values (${customer});`;
const NOTE_SHIPMENT_OWNER = (shipment: string) =>
  `insert or ignore into outreach_pending (customer_id)
     select o.customer_id from shipments s join orders o on o.id = s.order_id
      where s.id = ${shipment} and s.delivered_at is null;`;

/** Name → SQL. A bootstrap drops and recreates them from sqlite_master, not from here. */
const OUTREACH_TRIGGERS: Readonly<Record<string, string>> = {
  outreach_on_customer_insert: `create trigger outreach_on_customer_insert after insert on customers
     when exists (select 1 from orders o join shipments s on s.order_id = o.id
                   where o.customer_id = new.id and s.delivered_at is null)
     begin ${NOTE('new.id')} end`,
  outreach_on_customer_update: `create trigger outreach_on_customer_update after update on customers
     when ${HAS_ROWS('new.id')} begin ${NOTE('new.id')} end`,
  outreach_on_customer_delete: `create trigger outreach_on_customer_delete after delete on customers
     when ${HAS_ROWS('old.id')} begin ${NOTE('old.id')} end`,
  outreach_on_phone_insert: `create trigger outreach_on_phone_insert after insert on customer_phones
     when ${HAS_ROWS('new.customer_id')} begin ${NOTE('new.customer_id')} end`,
  outreach_on_phone_delete: `create trigger outreach_on_phone_delete after delete on customer_phones
     when ${HAS_ROWS('old.customer_id')} begin ${NOTE('old.customer_id')} end`,
  outreach_on_order_insert: `create trigger outreach_on_order_insert after insert on orders
     when exists (select 1 from shipments where order_id = new.id and delivered_at is null)
     begin ${NOTE('new.customer_id')} end`,
  outreach_on_order_update: `create trigger outreach_on_order_update after update on orders
     when ${HAS_ROWS('old.customer_id')}
       or exists (select 1 from shipments where order_id = new.id and delivered_at is null)
     begin ${NOTE('old.customer_id')} ${NOTE('new.customer_id')} end`,
  outreach_on_order_delete: `create trigger outreach_on_order_delete after delete on orders
     when ${HAS_ROWS('old.customer_id')} begin ${NOTE('old.customer_id')} end`,
  outreach_on_shipment_insert: `create trigger outreach_on_shipment_insert after insert on shipments
     when new.delivered_at is null begin ${NOTE_SHIPMENT_OWNER('new.id')} end`,
  outreach_on_shipment_update: `create trigger outreach_on_shipment_update after update on shipments
     when old.delivered_at is null or new.delivered_at is null
     begin
       insert or ignore into outreach_pending (customer_id)
         select customer_id from orders where id in (old.order_id, new.order_id);
     end`,
  outreach_on_shipment_delete: `create trigger outreach_on_shipment_delete after delete on shipments
     when old.delivered_at is null
     begin
       insert or ignore into outreach_pending (customer_id)
         select customer_id from orders where id = old.order_id;
     end`,
  outreach_on_event_insert: `create trigger outreach_on_event_insert after insert on tracking_events
     begin ${NOTE_SHIPMENT_OWNER('new.shipment_id')} end`,
  outreach_on_event_delete: `create trigger outreach_on_event_delete after delete on tracking_events
     begin ${NOTE_SHIPMENT_OWNER('old.shipment_id')} end`,
  outreach_on_notice_insert: `create trigger outreach_on_notice_insert after insert on notices
     when new.kind = 'delay' and ${HAS_ROWS('new.customer_id')}
     begin ${NOTE('new.customer_id')} end`,
  outreach_on_notice_update: `create trigger outreach_on_notice_update after update on notices
     when (old.kind = 'delay' or new.kind = 'delay')
       and (${HAS_ROWS('old.customer_id')} or ${HAS_ROWS('new.customer_id')})
     begin ${NOTE('old.customer_id')} ${NOTE('new.customer_id')} end`,
  outreach_on_notice_delete: `create trigger outreach_on_notice_delete after delete on notices
     when old.kind = 'delay' and ${HAS_ROWS('old.customer_id')}
     begin ${NOTE('old.customer_id')} end`,
  outreach_on_voc_insert: `create trigger outreach_on_voc_insert after insert on voc_records
     when new.customer_id is not null and ${HAS_ROWS('new.customer_id')}
     begin ${NOTE('new.customer_id')} end`,
  outreach_on_voc_update: `create trigger outreach_on_voc_update after update on voc_records
     when old.customer_id is not null and ${HAS_ROWS('old.customer_id')}
     begin ${NOTE('old.customer_id')} end`,
  outreach_on_voc_delete: `create trigger outreach_on_voc_delete after delete on voc_records
     when old.customer_id is not null and ${HAS_ROWS('old.customer_id')}
     begin ${NOTE('old.customer_id')} end`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outreach_candidates (
      shipment_id text primary key,
      customer_id text not null,
      promised_date text not null,
      candidate text not null
    )`.execute(db);
  await sql`create index outreach_candidates_by_promise
      on outreach_candidates (promised_date, shipment_id)`.execute(db);
  await sql`create index outreach_candidates_by_customer
      on outreach_candidates (customer_id)`.execute(db);
  await sql`create table outreach_pending (customer_id text primary key) without rowid`.execute(db);
  // The last proactive call is read per customer now (it was a scan of this desk's wrap-ups).
  await sql`create index voc_records_by_customer on voc_records (customer_id)`.execute(db);
  for (const trigger of Object.values(OUTREACH_TRIGGERS)) await sql.raw(trigger).execute(db);
  await sql
    .raw(
      `insert or ignore into outreach_pending (customer_id)
       select o.customer_id from shipments s join orders o on o.id = s.order_id
        where s.delivered_at is null and s.status in ${OPEN}`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(OUTREACH_TRIGGERS))
    await sql.raw(`drop trigger ${name}`).execute(db);
  await sql`drop index voc_records_by_customer`.execute(db);
  await sql`drop table outreach_pending`.execute(db);
  await sql`drop table outreach_candidates`.execute(db);
}
