import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core's browser build, evaluated in the page under test (the app has no frames). Evaluated,
 * not added as a script tag: the app's Content-Security-Policy refuses inline scripts.
 */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The impacts that fail a screen: a serious or critical barrier for a screen-reader user. */
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA and axe's
 * best practices), one entry per rule with the elements that break it.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  // A dialog or a popover still fading in would be judged at half its contrast.
  await page.waitForFunction(() =>
    (
      globalThis as unknown as {
        document: { getAnimations(): { playState: string; transitionProperty?: string }[] };
      }
    ).document
      .getAnimations()
      .every((a) => a.transitionProperty === undefined || a.playState !== 'running'),
  );
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    (runOptions) =>
      (
        globalThis as unknown as {
          document: unknown;
          axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
        }
      ).axe.run((globalThis as unknown as { document: unknown }).document, runOptions),
    options,
  );
  return results.violations
    .filter((v) => v.impact && BLOCKING.has(v.impact))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
}

/** The problems as lines a reader can act on: rule, impact, help, then each element. */
export function describeAxeProblems(problems: readonly AxeProblem[]): string {
  return problems
    .map(
      (p) =>
        `${p.rule} (${p.impact}): ${p.help}\n` + p.targets.map((t) => `    at ${t}`).join('\n'),
    )
    .join('\n');
}

/** Fails with the readable list when the screen has a serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const problems = await axeProblems(page);
  if (problems.length > 0)
    throw new Error(
      `${screen}: ${problems.length} serious or critical accessibility problem(s)\n` +
        describeAxeProblems(problems),
    );
}
