import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` refuses a lock file that lacks an entry for any optional dependency (npm/cli#9846),
 * and this workplace's registry serves only linux-x64 builds, so npm leaves the others out.
 * `node scripts/complete-lockfile.mjs` adds them; this test fails when that step was forgotten.
 */
describe('package-lock.json', () => {
  it('names every optional dependency, so a clean `npm ci` accepts it', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(missing, 'run `node scripts/complete-lockfile.mjs`').toEqual([]);
  });
});
