/**
 * `npm run lint:openapi`: the retailer API's /openapi.json, as a running server answers it,
 * checked by a maintained third-party linter (Redocly CLI, its `recommended` rules), the way a
 * retailer's API gateway or client generator would read it. Any error or warning fails.
 *
 * The document is generated from the routes' own schemas (server/src/http/route.ts), so it is
 * taken from a real server over a throwaway SQLite file rather than kept by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../server/src/app';
import { openServerStore } from '../server/src/db/connect';
import { createChangeNotifier } from '../server/src/live/change-notifier';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer: string }[];
  }[];
}

const dir = mkdtempSync(join(tmpdir(), 'koe-openapi-'));
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await servedDocument(dir), null, 2));
  const run = spawnSync(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['--no-install', 'redocly', 'lint', file, '--extends=recommended', '--format=json'],
    // No usage telemetry or update check from CI.
    {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const report = parseReport(run.stdout);
  if (!report) {
    console.error(`redocly lint gave no report (exit ${run.status}):\n${run.stderr}`);
    process.exitCode = 1;
  } else {
    for (const p of report.problems)
      console.error(`${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '#'}: ${p.message}`);
    const { errors, warnings } = report.totals;
    console.log(`openapi.json (Redocly recommended): ${errors} errors, ${warnings} warnings`);
    if (errors + warnings > 0) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function servedDocument(dir: string): Promise<unknown> {
  const store = await openServerStore({ sqliteFile: join(dir, 'server.sqlite') });
  const notifier = await createChangeNotifier(null);
  const app = await buildServer({
    store,
    notifier,
    secret: 'only-for-the-document-0123456789',
    webhooks: false,
    updateFilesDir: join(dir, 'update-files'),
  });
  try {
    const reply = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (reply.statusCode !== 200) throw new Error(`/openapi.json answered ${reply.statusCode}`);
    return reply.json();
  } finally {
    await app.close();
    await notifier.close();
    await store.close();
  }
}

function parseReport(stdout: string): LintReport | null {
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
  } catch {
    return null;
  }
}
