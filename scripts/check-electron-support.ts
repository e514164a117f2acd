/**
 * CI step (.ci/run, after `npm ci`): fails when the installed Electron is outside the three
 * majors Electron still patches, asking the npm registry which version is the latest.
 *
 *   npx tsx scripts/check-electron-support.ts [path/to/electron/package.json]
 *
 * Exit 0: supported. 1: unsupported, or the registry could not answer.
 *
 * When the registry cannot be reached the check FAILS (closed), on purpose: `npm ci` fetched
 * every package from that same registry moments earlier, so an unreachable registry here is a
 * blip worth a rerun or a misconfiguration worth fixing, not a reason to let a build pass
 * unchecked; a security check that passes whenever it cannot look is a check nobody can rely on.
 * The look-up goes through `npm view`, so it honours the same registry, proxy and CA settings
 * as `npm ci`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { electronSupportVerdict } from './electron-support';

/** npm retries a failing fetch on its own; a registry that has not answered by then is down. */
const LOOKUP_TIMEOUT_MS = 120_000;

function fail(message: string): never {
  process.stderr.write(`✖ Electron support check: ${message}\n`);
  process.exit(1);
}

function installedVersion(file: string): string {
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    if (typeof version === 'string') return version;
  } catch {
    // reported below
  }
  fail(`cannot read Electron's version from ${file}; run \`npm ci\` first.`);
}

/** With --json, npm reports a failure as `{ "error": { "summary": ... } }` on stdout. */
function npmErrorSummary(stdout: string): string | null {
  try {
    const summary = (JSON.parse(stdout) as { error?: { summary?: unknown } }).error?.summary;
    return typeof summary === 'string' ? summary : null;
  } catch {
    return null;
  }
}

function latestFromRegistry(): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['view', 'electron', 'dist-tags.latest', '--json'],
      { encoding: 'utf8', timeout: LOOKUP_TIMEOUT_MS },
      (error, stdout) => {
        if (error) {
          fail(
            `could not ask the npm registry for Electron's latest version (${npmErrorSummary(stdout) ?? error.message}). ` +
              'The check fails closed: rerun once the registry answers.',
          );
        }
        let latest: unknown;
        try {
          latest = JSON.parse(stdout);
        } catch {
          latest = undefined;
        }
        if (typeof latest !== 'string') {
          fail(`the npm registry answered without a latest Electron version: ${stdout.trim()}`);
        }
        resolve(latest);
      },
    );
  });
}

const installed = installedVersion(process.argv[2] ?? 'node_modules/electron/package.json');
const latest = await latestFromRegistry();
const verdict = electronSupportVerdict(installed, latest);
if (!verdict.supported) fail(verdict.message);
process.stdout.write(`✔ ${verdict.message}\n`);
