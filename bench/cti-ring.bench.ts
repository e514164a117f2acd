import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IpcResult } from '../src/shared/ipc';
import type { CustomerCard } from '../src/shared/domain';
import { DEMO_SIZES } from '../src/shared/demo/generate-demo-records';
import { startKoeCore, type KoeCore } from '../src/main/core/koe-core';
import { openDatabase } from '../src/main/core/platform/connection';
import { startHarnessServer } from '../src/harness/server';
import { benchCacheFile } from './lib/bench-database';
import { figure, loadAverage, note, percentile, type Figure } from './lib/figures';
import { rawCardReader } from './lib/raw-card-read';
import { samplePhones } from './screen-pop.bench';
import { ABOVE_THE_FOLD_RENDERED } from '../tests/e2e/above-the-fold';
import { launchChromium } from '../tests/e2e/launch-chromium';

const SAMPLES = Number(process.env.KOE_BENCH_RING_SAMPLES ?? 200);
const WARMUP = 10;
const SETTLE_MS = 400;
/** A folder to keep PNGs of the first warm-up rings' screens in (untimed), e.g. to compare the
 * card before and after a change to the page. */
const SCREENSHOTS = process.env.KOE_BENCH_RING_SCREENSHOTS;
/** A file to write the page's CPU profile over the timed rings to (`.cpuprofile`, Chrome's
 * format), with each ring's time windows (`windows`: [`card` or `whole`, start, end] in
 * microseconds of the same monotonic clock as the profile's samples) to slice it by. */
const PROFILE = process.env.KOE_BENCH_RING_PROFILE;
/** A file to write a Chrome trace (`devtools.timeline`) of the page over the timed rings to: the
 * main thread's style, layout, paint and compositing, which a CPU profile shows only as
 * "(program)". Open it in Chrome's Performance panel. */
const TRACE = process.env.KOE_BENCH_RING_TRACE;

/**
 * A CTI ring → the caller's whole card and its guidance painted, as the agent sees it: the real
 * renderer in Chromium at 1366×768, the core with predictions on (fitted at start by its
 * prediction worker, as the app does, before the first timed ring), on a copy of the bench-size
 * cache (the core writes the calls and the stored fit into it). The ring is posted to the CTI
 * bridge as a softphone connector posts it; the time ends when the page reports, after the frame
 * that shows it (two rAFs), a card headed with the caller's name: `card` at its first pass,
 * `whole_card` once everything above the fold has rendered (`ABOVE_THE_FOLD_RENDERED`: the card
 * complete and the guidance worked out for it).
 *
 * Baseline, per ring: the same caller's card rows read with raw prepared statements
 * (lib/raw-card-read.ts, region closures included; on the same copy, after the rings) plus the
 * page's own render of the same pop, timed in the page from the ring event's arrival to the same
 * painted frame. What Koe's figure has beyond it: the CTI post, the core's ring (its call row
 * written, the card read through Kysely, the predictions scored), the event's way to the page
 * and the report's way back.
 */
const PAGE_SCRIPT = `
  window.koeBenchExpect = null;
  let first = false;
  let arrived = 0;
  let withoutPredictions = 0;
  window.koe.on('calls:changed', ({ cause, pop }) => {
    if (cause !== 'ringing' || !window.koeBenchExpect) return;
    arrived = performance.now();
    if (pop && pop.card && !pop.card.predictions) window.koeBenchWithoutPredictions = ++withoutPredictions;
  });
  const painted = (kind) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => window.koeBenchPainted(kind, performance.now() - arrived)),
    );
  new MutationObserver(() => {
    const expected = window.koeBenchExpect;
    if (!expected) return;
    const named = (selector) =>
      [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(expected));
    if (!first && named('[data-testid="customer-card"] h2')) {
      first = true;
      painted('card');
    }
    if (named(${JSON.stringify(`${ABOVE_THE_FOLD_RENDERED} h2`)})) {
      window.koeBenchExpect = null;
      first = false;
      painted('whole');
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-complete', 'data-guidance-ready'],
  });
`;

interface Caller {
  e164: string;
  phone: string;
  family: string;
  customerId: string;
}

/** A ring's times in ms: to the first paint and to everything above the fold, from the post
 * (Node's clock) and from the event's arrival in the page (the page's clock). */
interface RingTimes {
  card: number;
  whole: number;
  renderCard: number;
  renderWhole: number;
}

/** The page's main thread over one ring (CDP `Performance.getMetrics`): its busy time by kind
 * (seconds → ms), which the machine's load stretches as it does the wall-clock times; its CPU
 * time and the whole renderer process's (`ThreadTime`, `ProcessTime`: raster runs on the
 * process's other threads), which the load moves much less (a descheduled thread is not
 * charged); and how many layouts and style recalculations it ran, which the load does not move. */
interface PageCpu {
  task: number;
  script: number;
  layout: number;
  style: number;
  thread: number;
  process: number;
  layouts: number;
  styles: number;
}

export async function benchCtiRing(): Promise<Figure[]> {
  const rendererDir = resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npx electron-vite build');
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-cti-bench-'));
  const file = join(dataDir, 'cache.sqlite');
  const source = await benchCacheFile(DEMO_SIZES.bench.customers);
  note(`cti ring: copying ${source}…`);
  copyFileSync(source, file);
  const callers = await pickCallers(file, SAMPLES + WARMUP);

  const fitStarted = performance.now();
  const core = await startKoeCore({ dataDir, appVersion: 'bench', databaseFile: file, ctiPort: 0 });
  const harness = await startHarnessServer({ core, rendererDir });
  const browser = await launchChromium();
  try {
    await predictionsFitted(core, callers[0]!.customerId);
    const fitMs = performance.now() - fitStarted;
    note(`cti ring: core started and its models fitted in ${Math.round(fitMs)} ms (untimed)`);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    let painted: ((kind: string, renderMs: number, at: bigint) => void) | null = null;
    await page.exposeBinding('koeBenchPainted', (_source, kind: string, renderMs: number) =>
      painted?.(kind, renderMs, process.hrtime.bigint()),
    );
    await page.goto(harness.url);
    await page.getByRole('combobox').first().waitFor();
    // Runs in the page (CDP evaluation is not subject to the renderer's CSP).
    await page.evaluate(PAGE_SCRIPT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const pageCpu = async (): Promise<PageCpu> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const count = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      const value = (name: string) => 1000 * count(name);
      return {
        task: value('TaskDuration'),
        script: value('ScriptDuration'),
        layout: value('LayoutDuration'),
        style: value('RecalcStyleDuration'),
        thread: value('ThreadTime'),
        process: value('ProcessTime'),
        layouts: count('LayoutCount'),
        styles: count('RecalcStyleCount'),
      };
    };
    const cti = core.cti!;
    const post = async (body: object) => {
      const response = await fetch(`${cti.url}/v1/call-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cti.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 202)
        throw new Error(`CTI: ${response.status} ${await response.text()}`);
    };

    const rings: RingTimes[] = [];
    const cpu: PageCpu[] = [];
    const windows: [string, number, number][] = [];
    let start = 0n;
    for (const [i, caller] of callers.entries()) {
      await page.evaluate(`koeBenchExpect = ${JSON.stringify(caller.family)}`);
      const done = new Promise<RingTimes>((resolvePainted) => {
        const times: Partial<RingTimes> = {};
        painted = (kind, renderMs, at) => {
          const ms = Number(at - start) / 1e6;
          if (i >= WARMUP) windows.push([kind, Number(start / 1000n), Number(at / 1000n)]);
          if (kind === 'card') Object.assign(times, { card: ms, renderCard: renderMs });
          else
            resolvePainted({
              card: ms,
              renderCard: renderMs,
              ...times,
              whole: ms,
              renderWhole: renderMs,
            });
        };
      });
      if (i === WARMUP && TRACE) {
        await browser.startTracing(page, {
          path: TRACE,
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
        });
      }
      if (i === WARMUP && PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const cpuBefore = await pageCpu();
      start = process.hrtime.bigint();
      await post({ event: 'ringing', callId: `bench-${i}`, ani: caller.phone });
      const times = await done;
      const cpuAfter = await pageCpu();
      if (i >= WARMUP) {
        rings.push(times);
        const delta = (key: keyof PageCpu) => cpuAfter[key] - cpuBefore[key];
        cpu.push({
          task: delta('task'),
          script: delta('script'),
          layout: delta('layout'),
          style: delta('style'),
          thread: delta('thread'),
          process: delta('process'),
          layouts: delta('layouts'),
          styles: delta('styles'),
        });
      } else if (SCREENSHOTS && i < 5) {
        await page.screenshot({ path: join(SCREENSHOTS, `ring-${i}.png`) });
      }
      // Never answered: the call ends as missed and the desk is free for the next ring.
      await post({ event: 'ended', callId: `bench-${i}` });
      // Rings come seconds apart on a real desk: let the screen settle before the next one.
      await new Promise((settle) => setTimeout(settle, SETTLE_MS));
    }
    if (TRACE) await browser.stopTracing();
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify({ ...profile, windows }));
    }
    const missing = await page.evaluate('window.koeBenchWithoutPredictions ?? 0');
    if (missing !== 0) throw new Error(`${String(missing)} rings' cards came without predictions`);

    const raw = await rawReadTimes(file, callers.slice(WARMUP));
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const series = {
      card: sorted(rings.map((r) => r.card)),
      whole: sorted(rings.map((r) => r.whole)),
      baselineCard: sorted(rings.map((r, i) => raw[i]! + r.renderCard)),
      baselineWhole: sorted(rings.map((r, i) => raw[i]! + r.renderWhole)),
    };
    const ms = (values: number[]) =>
      `p50 ${percentile(sorted(values), 50).toFixed(1)} / p95 ${percentile(sorted(values), 95).toFixed(1)} ms`;
    note(
      `cti ring: ${rings.length} rings, load ${loadAverage()}; raw read ${ms(raw)}; page render to first paint ${ms(rings.map((r) => r.renderCard))}, to above the fold ${ms(rings.map((r) => r.renderWhole))}`,
    );
    note(
      `cti ring: the page's main thread per ring, post → above the fold painted: all tasks ${ms(cpu.map((c) => c.task))}; script ${ms(cpu.map((c) => c.script))}, layout ${ms(cpu.map((c) => c.layout))}, style ${ms(cpu.map((c) => c.style))}`,
    );
    const median = (values: number[]) => percentile(sorted(values), 50);
    note(
      `cti ring: CPU time per ring, the page's main thread ${ms(cpu.map((c) => c.thread))}, its whole renderer process ${ms(cpu.map((c) => c.process))}; layouts per ring p50 ${median(cpu.map((c) => c.layouts))}, style recalculations p50 ${median(cpu.map((c) => c.styles))}`,
    );
    return [
      figure('cti_ring_prediction_fit_ms', fitMs, 'ms', fitMs),
      ...[50, 95].flatMap((at) => [
        figure(
          `cti_ring_to_card_p${at}`,
          percentile(series.card, at),
          'ms',
          percentile(series.baselineCard, at),
        ),
        figure(
          `cti_ring_to_whole_card_p${at}`,
          percentile(series.whole, at),
          'ms',
          percentile(series.baselineWhole, at),
        ),
      ]),
    ];
  } finally {
    await browser.close();
    await harness.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Random customers whose number names them alone (a shared line pops a chooser). */
async function pickCallers(file: string, count: number): Promise<Caller[]> {
  const database = await openDatabase({ filename: file });
  const owners = database.sqlite.prepare(
    `select c.id, c.family_name as family from customer_phones p join customers c on c.id = p.customer_id where p.e164 = ?`,
  );
  const callers = samplePhones(database.sqlite, count * 2)
    .map((p) => {
      const rows = owners.all(p.e164) as { id: string; family: string }[];
      return rows.length === 1
        ? { e164: p.e164, phone: p.display, family: rows[0]!.family, customerId: rows[0]!.id }
        : null;
    })
    .filter((c): c is Caller => c !== null)
    .slice(0, count);
  await database.close();
  return callers;
}

/** The core's prediction worker fits at start; a card read shows when its models are in. */
async function predictionsFitted(core: KoeCore, customerId: string): Promise<void> {
  // Only ends a hung run (a failed fit leaves the cards without models): it times nothing.
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('The prediction worker fitted no models in time');
    const result = (await core.router.handle('customers:card', {
      customerId,
    })) as IpcResult<CustomerCard | null>;
    const models = result.ok ? result.value?.predictions : undefined;
    if (models?.deliveryModel && models.reasonModel) return;
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/** Each caller's card rows read raw (region closures included), in ms, in the callers' order. */
async function rawReadTimes(file: string, callers: Caller[]): Promise<number[]> {
  const database = await openDatabase({ filename: file });
  const read = rawCardReader(database.sqlite, { closuresAt: Date.now() });
  for (const caller of callers.slice(0, WARMUP)) read(caller.e164);
  const times = callers.map((caller) => {
    const start = process.hrtime.bigint();
    if (!read(caller.e164)) throw new Error(`no card for ${caller.phone}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  await database.close();
  return times;
}
