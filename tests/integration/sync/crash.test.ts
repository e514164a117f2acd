import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrashLab, type CrashLab, type CrashRunReport } from './child-sync-process';

/**
 * A sync client in a child process, SIGKILLed at random points — mid-bootstrap, during the
 * index rebuild, while saving wrap-ups, while the server stores a pushed batch — then restarted
 * to completion. After every run the cache must equal the server's data, with no index left
 * deferred and the cursor at the head, and every wrap-up must be on the server exactly once.
 *
 * KOE_CRASH_RUNS raises the number of runs (default 20); scripts/sync-crash-soak.ts runs the
 * same scenario for hundreds.
 */
const RUNS = Math.max(2, Number(process.env.KOE_CRASH_RUNS ?? 20));

describe('sync survives SIGKILL at any point', () => {
  let lab: CrashLab;
  const reports: CrashRunReport[] = [];

  beforeAll(async () => {
    lab = await startCrashLab({ agents: Math.min(RUNS, 10) });
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
  });

  it(
    `${RUNS} runs (bootstrap and push) killed and restarted converge with the server`,
    async () => {
      // A bootstrap run and a push run side by side: they touch different data (the retailer's
      // records, the wrap-ups), so neither disturbs the other's checks. Bootstraps never overlap:
      // the server changes between a kill and the restart.
      for (let i = 0; i < RUNS; i += 2) {
        const pair = await Promise.all([
          lab.run(i, 'bootstrap'),
          ...(i + 1 < RUNS ? [lab.run(i + 1, 'push')] : []),
        ]);
        reports.push(...pair);
      }
      const summary = reports.map(
        (r) =>
          `#${r.run} ${r.mode} kills=${r.kills} [${r.killPoints.join(', ')}] ${r.ms} ms` +
          (r.duplicates ? ` replays-answered-duplicate=${r.duplicates}` : '') +
          (r.serverChanged ? ` server-changed=${r.serverChanged}` : '') +
          (r.cursorShortByTombstones ? ' cursor-short' : ''),
      );
      console.log(`crash runs (seed ${lab.seed}):\n  ${summary.join('\n  ')}`);

      for (const r of reports)
        expect({ run: r.run, mode: r.mode, problems: r.problems }).toEqual({
          run: r.run,
          mode: r.mode,
          problems: [],
        });
      expect(await lab.finalProblems()).toEqual([]);
      // The runs did crash: each was killed at least once (a kill that lands after the child
      // finished starts the run over).
      expect(reports.filter((r) => r.kills === 0)).toEqual([]);
      expect(reports.filter((r) => r.mode === 'bootstrap').length).toBeGreaterThanOrEqual(RUNS / 2);
    },
    RUNS * 20_000,
  );
});
