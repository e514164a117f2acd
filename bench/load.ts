import { printFigure, note } from './lib/figures';
import { FULL_LOAD, SMALL_LOAD, runLoadTest, type LoadOptions } from './load/load-test';

/**
 * `npm run load` (full size: 2,000 desks) or `npm run load -- small` (what CI runs, seconds):
 * the retailer API under simulated desks and an order system, two server processes over one
 * PostgreSQL (KOE_TEST_DATABASE_URL; the run creates and drops a database of its own), loopback
 * only. Each figure is one JSON line on stdout like the benches', its baseline the same rows by
 * raw SQL in the same run; progress goes to stderr. KOE_LOAD_<OPTION> overrides an option
 * (e.g. KOE_LOAD_DESKS=500, KOE_LOAD_HOLD_SECONDS=30).
 */
const databaseUrl = process.env.KOE_TEST_DATABASE_URL;
if (!databaseUrl) {
  note(
    'npm run load needs PostgreSQL: set KOE_TEST_DATABASE_URL (see scripts/postgres-for-tests.sh).',
  );
  process.exit(2);
}
const size = process.argv[2] ?? 'full';
if (size !== 'full' && size !== 'small') {
  note(`Unknown size "${size}": use full or small.`);
  process.exit(2);
}
const options: LoadOptions = {
  ...(size === 'full' ? FULL_LOAD : SMALL_LOAD),
  databaseUrl,
  probe: process.env.KOE_LOAD_PROBE === '1',
};
for (const key of Object.keys(options) as (keyof LoadOptions)[]) {
  const env = process.env[`KOE_LOAD_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
  if (env !== undefined && typeof options[key] === 'number')
    (options as unknown as Record<string, number>)[key] = Number(env);
}
note(`load (${size}): ${JSON.stringify({ ...options, databaseUrl: undefined })}`);
const result = await runLoadTest(options);
for (const f of result.figures) printFigure(f);
note(`ramp ${result.rampSeconds.toFixed(1)} s; ${result.errors.length} errors`);
for (const e of result.errors.slice(0, 10)) note(`  ${e}`);
process.exit(result.errors.length > 0 || result.held < result.desks ? 1 : 0);
