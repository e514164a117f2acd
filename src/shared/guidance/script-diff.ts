import type { Language } from '../domain/primitives';
import type { AuthoredStep, ScriptContent } from '../protocol/script-authoring';

/**
 * What changed between two versions of a studio script, for the version history: per step
 * (added, removed, changed, unchanged — matched by step id) and, inside a changed step, per
 * line of its text in one language.
 */
export type LineChange = { op: 'same' | 'added' | 'removed'; text: string };

export type StepDiff =
  | { change: 'added' | 'removed' | 'unchanged'; stepId: string }
  | {
      change: 'changed';
      stepId: string;
      lines: LineChange[];
      branchesChanged: boolean;
      complianceChanged: boolean;
    };

export interface ScriptDiff {
  titleChanged: boolean;
  triggersChanged: boolean;
  audienceChanged: boolean;
  steps: StepDiff[];
}

/** Line diff by longest common subsequence (step texts are a few lines: O(n·m) is fine). */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before === '' ? [] : before.split(/\r\n|\r|\n/);
  const b = after === '' ? [] : after.split(/\r\n|\r|\n/);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'removed', text: a[i++]! });
    } else {
      out.push({ op: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ op: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ op: 'added', text: b[j++]! });
  return out;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

function branchesOf(step: AuthoredStep) {
  return step.branches.map((b) => ({ next: b.next, label: b.label }));
}

/** The diff from `before` to `after`, with step texts compared in `language`. */
export function diffScriptContent(
  before: ScriptContent,
  after: ScriptContent,
  language: Language,
): ScriptDiff {
  const old = new Map(before.steps.map((s) => [s.id, s]));
  const steps: StepDiff[] = [];
  const seen = new Set<string>();
  for (const step of after.steps) {
    seen.add(step.id);
    const prev = old.get(step.id);
    if (!prev) {
      steps.push({ change: 'added', stepId: step.id });
      continue;
    }
    const textChanged = !same(prev.text, step.text);
    const branchesChanged = !same(branchesOf(prev), branchesOf(step));
    const complianceChanged = prev.compliance !== step.compliance;
    if (!textChanged && !branchesChanged && !complianceChanged) {
      steps.push({ change: 'unchanged', stepId: step.id });
    } else {
      steps.push({
        change: 'changed',
        stepId: step.id,
        lines: diffLines(prev.text[language] ?? '', step.text[language] ?? ''),
        branchesChanged,
        complianceChanged,
      });
    }
  }
  for (const step of before.steps) {
    if (!seen.has(step.id)) steps.push({ change: 'removed', stepId: step.id });
  }
  return {
    titleChanged: !same(before.title, after.title),
    triggersChanged: !same(before.triggers, after.triggers),
    audienceChanged: !same(before.audience, after.audience),
    steps,
  };
}
