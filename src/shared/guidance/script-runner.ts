import type { ScriptStep, ScriptVersion } from '../domain/guidance';

/**
 * Walks a script's branching steps. A step without branches continues to the step after it,
 * unless that step is some branch's target (a branch-only step such as `unverified`): then the
 * step ends the script. That is how the starter scripts read (`greet` → `verify`, while `ask`
 * ends the greeting script). Immutable: every move returns a new runner (fits React
 * state). A branch that points at a step the script does not have is an error result, not a
 * crash, so a bad publish never takes the call screen down.
 */
export type ScriptRunnerError =
  | { kind: 'empty_script' }
  | { kind: 'no_such_branch'; stepId: string; branch: number | string }
  | { kind: 'unknown_step'; stepId: string; next: string };

export type ScriptRunnerResult =
  { ok: true; runner: ScriptRunner } | { ok: false; error: ScriptRunnerError };

export class ScriptRunner {
  private constructor(
    readonly script: ScriptVersion,
    private readonly steps: ReadonlyMap<string, ScriptStep>,
    private readonly implicit: ReadonlyMap<string, string>,
    /** Step ids from the first step to the current one (what `back` unwinds). */
    readonly path: readonly string[],
    /** Every step shown, in order, including ones the agent went back from. */
    readonly visited: readonly string[],
  ) {}

  static start(script: ScriptVersion): ScriptRunnerResult {
    const first = script.steps[0];
    if (!first) return { ok: false, error: { kind: 'empty_script' } };
    const steps = new Map<string, ScriptStep>();
    // First definition wins if a step id is duplicated (validateScript reports it).
    for (const step of script.steps) if (!steps.has(step.id)) steps.set(step.id, step);
    return {
      ok: true,
      runner: new ScriptRunner(script, steps, implicitNextSteps(script), [first.id], [first.id]),
    };
  }

  get current(): ScriptStep {
    const id = this.path[this.path.length - 1] as string;
    return this.steps.get(id) as ScriptStep;
  }

  /** The steps taken, for the VoC record (same as `path`). */
  get history(): readonly string[] {
    return this.path;
  }

  get canGoBack(): boolean {
    return this.path.length > 1;
  }

  /** Where "Next" goes from a step without branches; null when the step has branches or ends. */
  get next(): string | null {
    return this.implicit.get(this.current.id) ?? null;
  }

  /** No branches and no next step: the end of the script. */
  get finished(): boolean {
    return this.current.branches.length === 0 && this.next === null;
  }

  /** Moves on from a step without branches. */
  advance(): ScriptRunnerResult {
    const next = this.next;
    if (next === null) {
      return {
        ok: false,
        error: { kind: 'no_such_branch', stepId: this.current.id, branch: 'next' },
      };
    }
    return this.goTo(next);
  }

  /** Follows a branch of the current step, by index or by label. */
  choose(branch: number | string): ScriptRunnerResult {
    const step = this.current;
    const chosen =
      typeof branch === 'number'
        ? step.branches[branch]
        : step.branches.find((b) => b.label === branch);
    if (!chosen) return { ok: false, error: { kind: 'no_such_branch', stepId: step.id, branch } };
    return this.goTo(chosen.next, step.id);
  }

  /** Jumps to a step by id (e.g. the agent picks it from the outline). */
  goTo(stepId: string, from: string = this.current.id): ScriptRunnerResult {
    if (!this.steps.has(stepId)) {
      return { ok: false, error: { kind: 'unknown_step', stepId: from, next: stepId } };
    }
    return {
      ok: true,
      runner: new ScriptRunner(
        this.script,
        this.steps,
        this.implicit,
        [...this.path, stepId],
        [...this.visited, stepId],
      ),
    };
  }

  /** The previous step, or this runner unchanged at the first step. */
  back(): ScriptRunner {
    if (!this.canGoBack) return this;
    const path = this.path.slice(0, -1);
    return new ScriptRunner(this.script, this.steps, this.implicit, path, [
      ...this.visited,
      path[path.length - 1] as string,
    ]);
  }
}

/** For each step without branches, the step after it if that is not a branch-only step. */
export function implicitNextSteps(script: ScriptVersion): Map<string, string> {
  const targets = new Set(script.steps.flatMap((s) => s.branches.map((b) => b.next)));
  const next = new Map<string, string>();
  script.steps.forEach((step, i) => {
    const following = script.steps[i + 1];
    if (step.branches.length === 0 && following && !targets.has(following.id)) {
      next.set(step.id, following.id);
    }
  });
  return next;
}

export type ScriptIssue =
  | { kind: 'empty_script' }
  | { kind: 'duplicate_step'; stepId: string }
  | { kind: 'unknown_step'; stepId: string; next: string }
  | { kind: 'unreachable_step'; stepId: string };

/** Structural problems a trainer must fix before publishing. */
export function validateScript(script: ScriptVersion): ScriptIssue[] {
  const issues: ScriptIssue[] = [];
  if (script.steps.length === 0) return [{ kind: 'empty_script' }];
  const ids = new Set<string>();
  for (const step of script.steps) {
    if (ids.has(step.id)) issues.push({ kind: 'duplicate_step', stepId: step.id });
    ids.add(step.id);
  }
  for (const step of script.steps) {
    for (const b of step.branches) {
      if (!ids.has(b.next)) issues.push({ kind: 'unknown_step', stepId: step.id, next: b.next });
    }
  }
  const implicit = implicitNextSteps(script);
  const reached = new Set<string>();
  const queue = [script.steps[0]?.id as string];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (reached.has(id) || !ids.has(id)) continue;
    reached.add(id);
    const step = script.steps.find((s) => s.id === id);
    for (const b of step?.branches ?? []) queue.push(b.next);
    const after = implicit.get(id);
    if (after !== undefined) queue.push(after);
  }
  for (const id of ids) if (!reached.has(id)) issues.push({ kind: 'unreachable_step', stepId: id });
  return issues;
}
