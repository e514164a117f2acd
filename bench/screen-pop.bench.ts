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
import { rawCardReader } from './lib/raw-card-read';

const SAMPLES = 3_000;

/**
 * Screen pop: caller's number (as a phone system sends it) → the whole customer card, through
 * the same router the UI calls (validation, normalization, Kysely reads, mapping to domain
 * objects). Baseline: the same rows read with raw prepared better-sqlite3 statements.
 */
export async function benchScreenPop({ sqlite, router }: KoeCoreForBench): Promise<Figure[]> {
  const phones = samplePhones(sqlite, SAMPLES);
  note(`screen pop: ${phones.length} callers`);
  const raw = rawCardReader(sqlite);
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

export const printAll = (figures: Figure[]) => figures.forEach(printFigure);
