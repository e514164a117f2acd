import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The baseline of core-start.bench: Node's own boot, in the same kind of process and bundle. */
const readyMs = performance.now();
const pssKb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1]);
process.stdout.write(
  `${JSON.stringify({ loadedMs: readyMs, readyMs, firstPopMs: readyMs, pssKb })}\n`,
);
