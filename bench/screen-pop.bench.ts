import type Sqlite from 'better-sqlite3';
import type { KoeCoreForBench } from './lib/bench-core';
import {
  figure,
  note,
  percentile,
  printFigure,
  sampleLatencies,
  seededRandom,
  type Figure,
} from './lib/figures';
import { formatPhone } from '../src/shared/phone';

const SAMPLES = 3_000;

/**
 * Screen pop: caller's number (as a phone system sends it) → the whole customer card, through
 * the same router the UI calls (validation, normalization, Kysely reads, mapping to domain
 * objects). Baseline: the same rows read with raw prepared better-sqlite3 statements.
 */
export async function benchScreenPop({ sqlite, router }: KoeCoreForBench): Promise<Figure[]> {
  const phones = samplePhones(sqlite, SAMPLES);
  note(`screen pop: ${phones.length} callers`);
  const raw = rawScreenPop(sqlite);
  const baseline = await sampleLatencies(phones, (p) => raw(p.e164));
  const koe = await sampleLatencies(phones, async (p) => {
    const result = await router.handle('customers:screenPop', { phone: p.display });
    if (!result.ok) throw new Error(result.error.message);
  });
  return [50, 95, 99].map((p) =>
    figure(`screen_pop_read_p${p}`, percentile(koe, p), 'ms', percentile(baseline, p)),
  );
}

/** Random customers' first phone numbers, written the way a Japanese phone system shows them. */
export function samplePhones(
  sqlite: Sqlite.Database,
  count: number,
): { e164: string; display: string }[] {
  const random = seededRandom(20261123);
  const { max } = sqlite.prepare('select max(local_id) as max from customers').get() as {
    max: number;
  };
  const byLocalId = sqlite.prepare(
    `select p.e164 from customers c join customer_phones p on p.customer_id = c.id where c.local_id = ? order by p.position limit 1`,
  );
  const phones: { e164: string; display: string }[] = [];
  while (phones.length < count) {
    const row = byLocalId.get(1 + Math.floor(random() * max)) as { e164: string } | undefined;
    if (row) phones.push({ e164: row.e164, display: formatPhone(row.e164) });
  }
  return phones;
}

function rawScreenPop(sqlite: Sqlite.Database): (e164: string) => unknown {
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
  return (e164) => {
    const ids = q.byPhone.all(e164) as { customer_id: string }[];
    if (ids.length !== 1) return ids;
    const id = (ids[0] as { customer_id: string }).customer_id;
    const orders = q.orders.all(id) as { id: string }[];
    return {
      customer: q.customer.get(id),
      phones: q.phones.all(id),
      orders: orders.map((o) => ({ ...o, lines: q.lines.all(o.id) })),
      shipments: orders.flatMap((o) =>
        (q.shipments.all(o.id) as { id: string }[]).map((s) => ({
          ...s,
          events: q.events.all(s.id),
        })),
      ),
      returns: q.returns.all(id),
      claims: q.claims.all(id),
      contacts: q.contacts.all(id),
      notices: q.notices.all(id),
    };
  };
}

export const printAll = (figures: Figure[]) => figures.forEach(printFigure);
