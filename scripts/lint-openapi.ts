/**
 * `npm run lint:openapi`: the retailer API's /openapi.json, as a running server answers it,
 * checked by a maintained third-party linter (Redocly CLI, its `recommended` rules), the way a
 * retailer's API gateway or client generator would read it. Any error or warning fails.
 * */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedOpenApiDocument } from './served-openapi-document';

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
  writeFileSync(file, JSON.stringify(await servedOpenApiDocument(), null, 2));
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

function parseReport(stdout: string): LintReport | null {
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
  } catch {
    return null;
  }
}
