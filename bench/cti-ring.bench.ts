import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startKoeCore } from '../src/main/core/koe-core';
import { startHarnessServer } from '../src/harness/server';
import { BENCH_DATABASE, openBenchDatabase } from './lib/bench-database';
import { figure, note, percentile, type Figure } from './lib/figures';
import { samplePhones } from './screen-pop.bench';
import { launchChromium } from '../tests/e2e/launch-chromium';

const SAMPLES = 200;
const WARMUP = 10;
const SETTLE_MS = 400;

/**
 * A CTI ring → the caller's card painted, on the bench-size cache, in the browser harness: the
 * event is posted to the CTI bridge as a softphone connector posts it; the time ends when the
 * page has painted a card whose heading is the caller's name (observed in the page, reported
 * back through a Playwright binding after the frame that shows it). The card paints in two
 * passes — who is calling, their latest order and the rest of their history, then the older
 * orders — and both are
 * timed: `card` is the first, `whole_card` the second. Baseline in the same page: the raw read +
 * render — the page asks for the same caller's screen pop itself and writes the name into a
 * bare element, reported the same way. All include the same Chromium↔Node hop.
 */
/**
 * Page side: watches for a card (or the baseline's bare element) headed with the expected family
 * name and reports after the next frame (two rAFs: the frame that shows it has been painted),
 * once when it first shows and once when the card is complete (`data-complete`).
 * `koeBenchRawPop` is the baseline: the raw read through the same bridge, written as text.
 */
const PAGE_SCRIPT = `
  window.koeBenchExpect = null;
  let first = false;
  const raw = document.createElement('div');
  raw.id = 'koe-bench-raw';
  document.body.append(raw);
  const painted = (kind) =>
    requestAnimationFrame(() => requestAnimationFrame(() => window.koeBenchPainted(kind)));
  new MutationObserver(() => {
    const expected = window.koeBenchExpect;
    if (!expected) return;
    const named = (selector) =>
      [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(expected));
    if (!first && named('[data-testid="customer-card"] h2, #koe-bench-raw')) {
      first = true;
      painted('card');
    }
    if (named('[data-testid="customer-card"][data-complete="true"] h2, #koe-bench-raw')) {
      window.koeBenchExpect = null;
      first = false;
      painted('whole');
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-complete'],
  });
  window.koeBenchRawPop = async (phone) => {
    raw.textContent = '';
    const result = await window.koe['customers:screenPop']({ phone });
    const customer = result.ok && result.value.card ? result.value.card.customer : null;
    raw.textContent = customer ? customer.familyName + ' ' + customer.givenName : '';
  };
`;

export async function benchCtiRing(): Promise<Figure[]> {
  const rendererDir = resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npx electron-vite build');
  // The callers: random bench customers with one card each (a shared line pops a chooser).
  const bench = await openBenchDatabase();
  const callers = samplePhones(bench.sqlite, SAMPLES * 2)
    .map((p) => {
      const owners = bench.sqlite
        .prepare(
          `select c.family_name as family, c.given_name as given from customer_phones p join customers c on c.id = p.customer_id where p.e164 = ?`,
        )
        .all(p.e164) as { family: string; given: string }[];
      return owners.length === 1 ? { phone: p.display, family: owners[0]!.family } : null;
    })
    .filter((c): c is { phone: string; family: string } => c !== null)
    .slice(0, SAMPLES + WARMUP);
  await bench.close();

  const dataDir = mkdtempSync(join(tmpdir(), 'koe-cti-bench-'));
  const core = await startKoeCore({
    dataDir,
    appVersion: 'bench',
    databaseFile: BENCH_DATABASE,
    ctiPort: 0,
    // The ring alone: a fit of the bench-size cache would compete for the shared cores.
    predictions: false,
  });
  const harness = await startHarnessServer({ core, rendererDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    let painted: ((kind: string, at: bigint) => void) | null = null;
    await page.exposeBinding('koeBenchPainted', (_source, kind: string) =>
      painted?.(kind, process.hrtime.bigint()),
    );
    await page.goto(harness.url);
    await page.getByRole('combobox').waitFor();
    // Runs in the page (CDP evaluation is not subject to the renderer's CSP).
    await page.evaluate(PAGE_SCRIPT);
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
    const expect = (family: string) => page.evaluate(`koeBenchExpect = ${JSON.stringify(family)}`);
    /** When the card first painted, and when it painted whole (the baseline paints once). */
    const waitPainted = () =>
      new Promise<{ card: bigint; whole: bigint }>((resolvePainted) => {
        let card: bigint | null = null;
        painted = (kind, at) => {
          if (kind === 'card') card = at;
          else resolvePainted({ card: card ?? at, whole: at });
        };
      });

    const ring: number[] = [];
    const ringWhole: number[] = [];
    for (const [i, caller] of callers.entries()) {
      await expect(caller.family);
      const done = waitPainted();
      const start = process.hrtime.bigint();
      await post({ event: 'ringing', callId: `bench-${i}`, ani: caller.phone });
      const end = await done;
      if (i >= WARMUP) {
        ring.push(Number(end.card - start) / 1e6);
        ringWhole.push(Number(end.whole - start) / 1e6);
      }
      // Never answered: the call ends as missed and the desk is free for the next ring.
      await post({ event: 'ended', callId: `bench-${i}` });
      // Rings come seconds apart on a real desk: let the screen settle before the next one.
      await new Promise((settle) => setTimeout(settle, SETTLE_MS));
    }

    const raw: number[] = [];
    for (const [i, caller] of callers.entries()) {
      await expect(caller.family);
      const done = waitPainted();
      const start = process.hrtime.bigint();
      await page.evaluate(`koeBenchRawPop(${JSON.stringify(caller.phone)})`);
      const end = await done;
      if (i >= WARMUP) raw.push(Number(end.whole - start) / 1e6);
    }
    for (const samples of [ring, ringWhole, raw]) samples.sort((a, b) => a - b);
    note(`cti ring → card painted: ${ring.length} rings on the bench-size cache`);
    return [50, 95].flatMap((p) => [
      figure(`cti_ring_to_card_p${p}`, percentile(ring, p), 'ms', percentile(raw, p)),
      figure(`cti_ring_to_whole_card_p${p}`, percentile(ringWhole, p), 'ms', percentile(raw, p)),
    ]);
  } finally {
    await browser.close();
    await harness.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
