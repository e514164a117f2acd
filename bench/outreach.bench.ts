import { fitDeliveryModel, estimateDelivery } from '../src/main/core/predictions/delivery-estimate';
import { readTransitSamples } from '../src/main/core/predictions/prediction-data';
import { DEFAULT_MAX_TRANSIT_SAMPLES } from '../src/main/core/predictions/prediction-fit';
import {
  OUTREACH_LOOKBACK_DAYS,
  OUTREACH_SCAN_LIMIT,
} from '../src/main/core/outreach/outreach-candidates';
import {
  createOutreachService,
  type OutreachServiceDeps,
} from '../src/main/core/outreach/outreach-service';
import { scanOutreachCandidates } from '../src/main/core/outreach/outreach-candidates';
import { refreshOutreachInSlices } from '../src/main/core/outreach/outreach-table';
import { rankOutreach } from '../src/shared/outreach/outreach-ranking';
import { DEFAULT_DEMO_NOW } from '../src/shared/demo/generate-demo-records';
import { openBenchDatabase } from './lib/bench-database';
import { figure, note, percentile, sampleLatencies, type Figure } from './lib/figures';

const RUNS = 40;
/** The list the start screen asks for (OutreachPanel). */
const LIST_LIMIT = 50;

/**
 * The proactive outreach list at bench size, built as the start screen asks for it: every open
 * shipment promised within the lookback window with its customer, phone, delay notices and last
 * proactive call, ranked with the delivery-date model's estimate (fitted once beforehand, as the
 * app's worker would have) and with the carrier's. The list reads its maintained table
 * (`outreach_candidates`); the scan it was before (`scanOutreachCandidates`) runs in the same run
 * for the before/after. Baselines, in the same run: the raw prepared statement that finds the
 * same open shipments through the partial index `shipments_open_by_promise` (the read the scan
 * could not do without), and the raw read of the table's rows in the window.
 */
export async function benchOutreach(): Promise<Figure[]> {
  const bench = await openBenchDatabase();
  try {
    const now = DEFAULT_DEMO_NOW.getTime();
    const since = new Date(now - OUTREACH_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const scan = bench.sqlite.prepare(
      `select s.order_id, o.order_number, o.customer_id
         from shipments s join orders o on o.id = s.order_id
        where s.delivered_at is null
          and s.status in ('label_created', 'in_transit', 'out_for_delivery', 'delayed')
          and s.promised_date >= ?
        order by s.promised_date limit ?`,
    );
    const plan = bench.sqlite
      .prepare(`explain query plan ${scan.source}`)
      .all(since, OUTREACH_SCAN_LIMIT) as { detail: string }[];
    note(`outreach: raw scan plan: ${plan.map((p) => p.detail).join(' / ')}`);
    const open = scan.all(since, OUTREACH_SCAN_LIMIT).length;
    const tableRead = bench.sqlite.prepare(
      `select candidate from outreach_candidates where promised_date >= ?
        order by promised_date, shipment_id limit ?`,
    );

    // A cache from before the table (or after a bootstrap) has every open customer pending.
    let started = performance.now();
    const filled = await refreshOutreachInSlices(bench.sqlite);
    const fillMs = performance.now() - started;
    const { rows } = bench.sqlite
      .prepare('select count(*) as rows from outreach_candidates')
      .get() as { rows: number };
    note(
      `outreach: table filled for ${filled} customers in ${Math.round(fillMs)} ms (${rows} rows)`,
    );

    started = performance.now();
    const model = fitDeliveryModel(
      readTransitSamples(bench.sqlite, { maxSamples: DEFAULT_MAX_TRANSIT_SAMPLES }),
      new Date(now),
    );
    note(`outreach: delivery model fitted in ${Math.round(performance.now() - started)} ms`);
    const estimate: OutreachServiceDeps['estimate'] = (s) =>
      estimateDelivery(model, s, now)?.date ?? s.estimatedDate;
    const withModel = createOutreachService({ sqlite: bench.sqlite, now: () => now, estimate });
    const withCarrier = createOutreachService({ sqlite: bench.sqlite, now: () => now });
    // The list as it was before its table: the same ranking over the scan of the cache.
    const scanned = async () => {
      const ranked = rankOutreach(await scanOutreachCandidates(bench.db, now), now, estimate);
      return ranked.slice(0, LIST_LIMIT);
    };

    started = performance.now();
    const first = await withModel.list(LIST_LIMIT);
    note(
      `outreach: ${open} open shipments in the window (scan limit ${OUTREACH_SCAN_LIMIT}); list of ${first.entries.length}${first.truncated ? ' (more behind)' : ''}, first build ${Math.round(performance.now() - started)} ms`,
    );
    const runs = Array.from({ length: RUNS }, (_, i) => i);
    const same = JSON.stringify(await scanned()) === JSON.stringify(first.entries);
    note(`outreach: the table's list equals the scan's: ${same}`);
    const raw = await sampleLatencies(runs, () => scan.all(since, OUTREACH_SCAN_LIMIT), 3);
    const rawTable = await sampleLatencies(
      runs,
      () => tableRead.all(since, OUTREACH_SCAN_LIMIT),
      3,
    );
    const modelled = await sampleLatencies(runs, () => withModel.list(LIST_LIMIT), 3);
    const carrier = await sampleLatencies(runs, () => withCarrier.list(LIST_LIMIT), 3);
    const before = await sampleLatencies(runs, scanned, 3);
    const figures: Figure[] = [figure('outreach_table_fill_ms', fillMs, 'ms', fillMs)];
    for (const p of [50, 95]) {
      figures.push(
        figure(`outreach_list_p${p}`, percentile(modelled, p), 'ms', percentile(raw, p)),
        figure(
          `outreach_list_carrier_estimate_p${p}`,
          percentile(carrier, p),
          'ms',
          percentile(raw, p),
        ),
        // Before the table, same run, same baseline: the scan and its lookups.
        figure(`outreach_list_by_scan_p${p}`, percentile(before, p), 'ms', percentile(raw, p)),
        // The list against the raw read of the same table rows (parsing and ranking on top).
        figure(
          `outreach_list_vs_raw_table_read_p${p}`,
          percentile(modelled, p),
          'ms',
          percentile(rawTable, p),
        ),
      );
    }
    return figures;
  } finally {
    await bench.close();
  }
}
