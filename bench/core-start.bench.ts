import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { openDatabase } from '../src/main/core/platform/connection';
import { DEMO_FEATURED_CUSTOMERS } from '../src/shared/demo/featured-customers';
import { referenceRecords } from '../src/shared/demo/generate-demo-records';
import { figure, note, percentile, type Figure } from './lib/figures';

const RUNS = 7;
const MAIN_DIR = resolve('out/main');
const BUNDLE_DIR = resolve('out/bench-core-start');

interface Started {
  /** When the bundle's modules had loaded. */
  loadedMs: number;
  readyMs: number;
  firstPopMs: number;
  pssKb: number;
}

/**
 * Core start, process → ready to answer, without Electron: the core bundled as the app bundles
 * it, in a fresh Node process each run, on an encrypted cache holding the demo retailer's data
 * (migrated: a start after an update's migrations is not measured here). Baseline: the same
 * kind of process that only boots Node. The first card after start and the core's memory (PSS,
 * this thread and its workers) are reported too. Needs the app's workers built
 * (`npx electron-vite build`).
 */
export async function benchCoreStart(): Promise<Figure[]> {
  if (!existsSync(join(MAIN_DIR, 'reader-worker.js')))
    throw new Error('core-start needs the built workers: run `npx electron-vite build` first');
  const dir = mkdtempSync(join(tmpdir(), 'koe-core-start-'));
  try {
    const bundles = await Promise.all(
      ['core-start-entry', 'node-boot-entry'].map(async (name) => {
        // Inside the project, so the bundle finds `better-sqlite3` in its node_modules.
        const outfile = join(BUNDLE_DIR, `${name}.mjs`);
        await build({
          entryPoints: [resolve(`bench/core-start/${name}.ts`)],
          outfile,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node24',
          // As in the app: the native driver stays a package (electron-vite externalizes deps).
          external: ['better-sqlite3'],
          // An ESM bundle has no require(); the packages it bundles may call it.
          banner: {
            js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
          },
          logLevel: 'error',
        });
        return outfile;
      }),
    );
    const [coreEntry, bootEntry] = bundles as [string, string];

    const dataDir = join(dir, 'data');
    const key = randomBytes(32);
    mkdirSync(dataDir, { mode: 0o700 });
    const database = await openDatabase({ filename: join(dataDir, 'koe.sqlite'), key });
    createRecordWriter(database.sqlite).apply(referenceRecords(Date.now()));
    await database.close();

    const env = {
      ...process.env,
      KOE_BENCH_DATA_DIR: dataDir,
      KOE_BENCH_MAIN_DIR: MAIN_DIR,
      KOE_BENCH_CACHE_KEY: key.toString('hex'),
      KOE_BENCH_PHONE: DEMO_FEATURED_CUSTOMERS.lateDelivery.phone,
    };
    const run = (entry: string): Started =>
      JSON.parse(
        execFileSync(process.execPath, [entry], { env, cwd: resolve('.'), encoding: 'utf8' })
          .trim()
          .split('\n')
          .pop() as string,
      ) as Started;

    const core: Started[] = [];
    const boot: Started[] = [];
    // Alternating, so a busy moment of the machine falls on both sides alike.
    for (let i = 0; i < RUNS; i++) {
      core.push(run(coreEntry));
      boot.push(run(bootEntry));
    }
    note(`core start: ${RUNS} fresh processes each, core and bare Node alternating`);
    const of = (runs: Started[], pick: (s: Started) => number) =>
      percentile(
        runs.map(pick).sort((a, b) => a - b),
        50,
      );
    return [
      figure(
        'core_start_loaded_ms',
        of(core, (s) => s.loadedMs),
        'ms',
        of(boot, (s) => s.readyMs),
      ),
      figure(
        'core_start_ms',
        of(core, (s) => s.readyMs),
        'ms',
        of(boot, (s) => s.readyMs),
      ),
      figure(
        'core_start_to_first_card_ms',
        of(core, (s) => s.firstPopMs),
        'ms',
        of(boot, (s) => s.readyMs),
      ),
      figure(
        'core_pss_after_start_mb',
        of(core, (s) => s.pssKb) / 1024,
        'MB',
        of(boot, (s) => s.pssKb) / 1024,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
