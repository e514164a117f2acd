import type Sqlite from 'better-sqlite3';
import { PREFECTURE_BY_NAME } from '../../src/shared/demo/prefectures';
import { jstDayOf } from '../../src/shared/guidance/calendar';

type Row = Record<string, unknown>;

/** The rows of one caller's card, read raw: what a screen pop's baseline reads. */
export interface RawCard {
  customer: Row;
  phones: Row[];
  orders: (Row & { lines: Row[] })[];
  shipments: (Row & { events: Row[]; closures?: Row[] })[];
  returns: Row[];
  claims: Row[];
  contacts: Row[];
  notices: Row[];
}

/**
 * The baseline of the screen-pop benches: the rows of the caller's card (customer-card.ts, the
 * same limits and order) read with plain prepared better-sqlite3 statements, no Kysely, no
 * router, no mapping to domain objects. With `closuresAt` (a time in ms), also the region
 * closures each parcel's delivery estimate is given (region-closures.ts), as a card with
 * predictions reads them. Null unless the number names exactly one customer.
 * tests/integration/bench/raw-card-read.test.ts holds it to the card's rows.
 */
export function rawCardReader(
  sqlite: Sqlite.Database,
  options: { closuresAt?: number } = {},
): (e164: string) => RawCard | null {
  const q = {
    byPhone: sqlite.prepare('select customer_id from customer_phones where e164 = ?'),
    customer: sqlite.prepare('select * from customers where id = ?'),
    phones: sqlite.prepare(
      'select e164, kind from customer_phones where customer_id = ? order by position',
    ),
    orders: sqlite.prepare(
      'select * from orders where customer_id = ? order by placed_at desc limit 10',
    ),
    lines: sqlite.prepare('select * from order_lines where order_id = ? order by line_no'),
    shipments: sqlite.prepare('select * from shipments where order_id = ?'),
    events: sqlite.prepare('select * from tracking_events where shipment_id = ? order by seq'),
    closures: sqlite.prepare(
      `select * from region_closures where region = ? and ends_on >= ? and (carrier is null or carrier = ?)`,
    ),
    returns: sqlite.prepare(
      'select * from returns where customer_id = ? order by requested_at desc limit 20',
    ),
    claims: sqlite.prepare(
      'select * from claims where customer_id = ? order by opened_at desc limit 20',
    ),
    contacts: sqlite.prepare(
      'select * from contacts where customer_id = ? order by occurred_at desc limit 20',
    ),
    notices: sqlite.prepare(
      'select * from notices where customer_id = ? order by sent_at desc limit 20',
    ),
  };
  const at = options.closuresAt;
  const today =
    at === undefined ? null : new Date((jstDayOf(at) ?? 0) * 86_400_000).toISOString().slice(0, 10);
  const closuresOf = (s: Row): Row[] => {
    const region = PREFECTURE_BY_NAME.get(s.destination_prefecture as string)?.region;
    return region ? (q.closures.all(region, today, s.carrier) as Row[]) : [];
  };
  return (e164) => {
    const ids = q.byPhone.all(e164) as { customer_id: string }[];
    if (ids.length !== 1) return null;
    const id = (ids[0] as { customer_id: string }).customer_id;
    const orders = q.orders.all(id) as Row[];
    return {
      customer: q.customer.get(id) as Row,
      phones: q.phones.all(id) as Row[],
      orders: orders.map((o) => ({ ...o, lines: q.lines.all(o.id) as Row[] })),
      shipments: orders.flatMap((o) =>
        (q.shipments.all(o.id) as Row[]).map((s) => ({
          ...s,
          events: q.events.all(s.id) as Row[],
          ...(today === null ? {} : { closures: closuresOf(s) }),
        })),
      ),
      returns: q.returns.all(id) as Row[],
      claims: q.claims.all(id) as Row[],
      contacts: q.contacts.all(id) as Row[],
      notices: q.notices.all(id) as Row[],
    };
  };
}
