import type Sqlite from 'better-sqlite3';
import { foldForSearch, romajiVariants } from '../src/shared/kana';
import { toE164 } from '../src/shared/phone';
import type { KoeCoreForBench } from './lib/bench-core';
import {
  figure,
  note,
  percentile,
  sampleLatencies,
  seededRandom,
  type Figure,
} from './lib/figures';
import { samplePhones } from './screen-pop.bench';

const SAMPLES = 1_000;
const LIMIT = 20;

export interface QueryClass {
  name: string;
  queries: string[];
  /** The raw statement that answers the same question, for the baseline. */
  raw: (query: string) => unknown;
}

/**
 * Search p95 per query class through the router the UI calls, against the raw better-sqlite3
 * statement that answers the same question (FTS5 MATCH for 3+ characters).
 */
export async function benchSearch({ sqlite, router }: KoeCoreForBench): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of queryClasses(sqlite)) {
    note(
      `search ${c.name}: ${c.queries.length} queries, e.g. ${c.queries.slice(0, 3).join(' / ')}`,
    );
    const baseline = await sampleLatencies(c.queries, c.raw);
    const koe = await sampleLatencies(c.queries, async (query) => {
      const result = await router.handle('customers:search', { query, limit: LIMIT });
      if (!result.ok) throw new Error(result.error.message);
    });
    figures.push(
      figure(`search_${c.name}_p95`, percentile(koe, 95), 'ms', percentile(baseline, 95)),
    );
  }
  return figures;
}

export function queryClasses(sqlite: Sqlite.Database): QueryClass[] {
  const random = seededRandom(7);
  const { max } = sqlite.prepare('select max(local_id) as max from customers').get() as {
    max: number;
  };
  const customerAt = sqlite.prepare(
    `select c.id, c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.emails,
       (select order_number from orders o where o.customer_id = c.id limit 1) as order_number
     from customers c where c.local_id = ?`,
  );
  type Row = {
    id: string;
    family_name: string;
    given_name: string;
    family_name_kana: string;
    given_name_kana: string;
    emails: string;
    order_number: string | null;
  };
  const customers: Row[] = [];
  while (customers.length < SAMPLES) {
    const row = customerAt.get(1 + Math.floor(random() * max)) as Row | undefined;
    if (row) customers.push(row);
  }
  const japanese = customers.filter((c) => /[\u3400-\u9fff]/.test(c.family_name));

  const fts = sqlite.prepare(
    'select c.id from customer_search s join customers c on c.local_id = s.rowid where customer_search match ? limit 21',
  );
  // Every baseline also reads the result rows the UI shows (the same summary columns), so the
  // ratio measures Koe's overhead, not a difference in work.
  const summary = sqlite.prepare(
    `select c.id, c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.tier, c.language, c.prefecture, c.emails,
       (select p.e164 from customer_phones p where p.customer_id = c.id order by p.position limit 1) as phone,
       (select o.order_number from orders o where o.customer_id = c.id order by o.placed_at desc limit 1) as last_order_number
     from customers c where c.id = ?`,
  );
  const withRows = (ids: unknown[]) =>
    (ids as Record<string, string>[])
      .slice(0, LIMIT)
      .map((r) => summary.get(r.id ?? r.customer_id));
  const ftsRaw = (query: string) => withRows(fts.all(`"${foldForSearch(query)}"`));
  const byPhone = sqlite.prepare('select customer_id from customer_phones where e164 = ?');
  const byOrder = sqlite.prepare('select customer_id from orders where order_number = ?');
  const byEmail = sqlite.prepare('select customer_id from customer_emails where email = ?');
  // The same four prefix ranges Koe unions (family and given name, kanji and kana).
  const byNamePrefix = sqlite.prepare(
    ['family_name', 'given_name', 'family_name_kana', 'given_name_kana']
      .map(
        (c) => `select * from (select id from customers where ${c} >= @lo and ${c} < @hi limit 21)`,
      )
      .join(' union ') + ' limit 21',
  );

  return [
    {
      name: 'phone',
      queries: samplePhones(sqlite, SAMPLES).map((p) => p.display),
      raw: (q) => withRows(byPhone.all(toE164(q))),
    },
    {
      name: 'order_number',
      queries: customers.flatMap((c) => (c.order_number ? [c.order_number] : [])),
      raw: (q) => withRows(byOrder.all(q)),
    },
    {
      name: 'email',
      queries: customers.flatMap((c) => (JSON.parse(c.emails) as string[]).slice(0, 1)),
      raw: (q) => withRows(byEmail.all(q.toLowerCase())),
    },
    {
      name: 'name_kanji',
      queries: japanese.map((c) => `${c.family_name} ${c.given_name}`),
      raw: ftsRaw,
    },
    {
      name: 'name_kana',
      queries: japanese.map((c) => `${c.family_name_kana}${c.given_name_kana}`),
      raw: ftsRaw,
    },
    {
      name: 'name_romaji',
      queries: japanese.map(
        (c) =>
          `${romajiVariants(c.family_name_kana).at(-1)} ${romajiVariants(c.given_name_kana)[0]}`,
      ),
      raw: ftsRaw,
    },
    {
      name: 'short_cjk_2chars',
      queries: japanese.map((c) => [...c.family_name].slice(0, 2).join('')),
      raw: (q) => withRows(byNamePrefix.all({ lo: q, hi: `${q}\u{10FFFF}` })),
    },
    {
      name: 'short_cjk_1char',
      queries: japanese.map((c) => [...c.given_name][0] as string),
      raw: (q) => withRows(byNamePrefix.all({ lo: q, hi: `${q}\u{10FFFF}` })),
    },
  ];
}
