/**
 * A longer soak of the crash scenario in tests/integration/sync/crash.test.ts: many runs of a
 * sync client killed with SIGKILL at random points and restarted, half bootstrapping the cache
 * from a real server, half pushing wrap-ups, each checked against the server afterwards.
 *
 *   npx tsx scripts/sync-crash-soak.ts [runs=200] [--seed N] [--customers N]
 *
 * Exits 1 when any run ends with the cache and the server disagreeing.
 */
import { parseArgs } from 'node:util';
import {
  startCrashLab,
  type CrashMode,
  type CrashRunReport,
} from '../tests/integration/sync/child-sync-process';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string' },
    customers: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const runs = Number(positionals[0] ?? process.env.KOE_CRASH_RUNS ?? 200);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer`);

const started = performance.now();
const lab = await startCrashLab({
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.customers ? { customers: Number(values.customers) } : {}),
  agents: Math.min(runs, 20),
});
console.log(`crash soak: ${runs} runs, seed ${lab.seed}, server ${lab.url}`);
const reports: CrashRunReport[] = [];
try {
  // As in the test: a bootstrap run and a push run side by side (they touch different data).
  for (let i = 0; i < runs; i += 2) {
    const modes: CrashMode[] = i + 1 < runs ? ['bootstrap', 'push'] : ['bootstrap'];
    const pair = await Promise.all(modes.map((mode, k) => lab.run(i + k, mode)));
    for (const report of pair) {
      reports.push(report);
      if (values.quiet && !report.problems.length) continue;
      console.log(
        `run ${String(report.run).padStart(4)} ${report.mode.padEnd(9)} kills=${report.kills} ` +
          `[${report.killPoints.join(', ')}] children=${report.children} ${report.ms} ms` +
          (report.serverChanged ? ` server-changed=${report.serverChanged}` : '') +
          (report.duplicates ? ` duplicates=${report.duplicates}` : '') +
          (report.cursorShortByTombstones ? ' cursor-short-by-tombstones' : '') +
          (report.problems.length ? `\n  PROBLEMS: ${report.problems.join('; ')}` : ''),
      );
    }
  }
  const final = await lab.finalProblems();
  summarize(reports, final);
  process.exitCode = final.length || reports.some((r) => r.problems.length) ? 1 : 0;
} finally {
  await lab.close();
}

function summarize(all: CrashRunReport[], final: string[]): void {
  const sum = (f: (r: CrashRunReport) => number) => all.reduce((n, r) => n + f(r), 0);
  const ms = all.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))];
  const failed = all.filter((r) => r.problems.length);
  console.log('');
  console.log('summary');
  for (const mode of ['bootstrap', 'push'] as const) {
    const of = all.filter((r) => r.mode === mode);
    console.log(
      `  ${mode.padEnd(9)} runs=${of.length} kills=${of.reduce((n, r) => n + r.kills, 0)} ` +
        `failed=${of.filter((r) => r.problems.length).length}`,
    );
  }
  console.log(
    `  kills ${sum((r) => r.kills)}, late kills (child done first) ${sum((r) => r.missedKills)}`,
  );
  console.log(`  children spawned ${sum((r) => r.children)}`);
  console.log(`  server changed between kill and restart ${sum((r) => r.serverChanged)} times`);
  console.log(`  wrap-ups resent after a crash and answered duplicate ${sum((r) => r.duplicates)}`);
  console.log(
    `  bootstraps whose cursor stopped short of the head (only tombstones after it) ` +
      `${all.filter((r) => r.cursorShortByTombstones).length}`,
  );
  console.log(`  run time p50 ${pct(50)} ms, p90 ${pct(90)} ms, max ${ms.at(-1)} ms`);
  console.log(`  total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    failed.length || final.length
      ? `  FAILED: ${failed.length} runs; ${final.join('; ')}`
      : '  OK: every cache matched the server, every wrap-up reached it exactly once',
  );
}
