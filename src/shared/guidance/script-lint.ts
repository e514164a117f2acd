import type { Language } from '../domain/primitives';
import type { Audience } from '../protocol/authoring-wire';
import type { ScriptContent } from '../protocol/script-authoring';
import { contentToVersions } from './script-content';
import { SCRIPT_VARIABLES } from './script-context';
import { implicitNextSteps, validateScript } from './script-runner';
import { lintScriptText } from './script-template';

/**
 * What blocks a publish. The studio shows these as the trainer types, and the server runs the
 * same function before it accepts a publish, so a desktop cannot skip it.
 */
export type ScriptLintIssue =
  | { kind: 'unknown_variable'; stepId: string; language: Language; name: string }
  | { kind: 'invalid_placeholder'; stepId: string; language: Language; text: string }
  | { kind: 'unknown_filter'; stepId: string; language: Language; name: string; filter: string }
  | { kind: 'duplicate_step'; stepId: string }
  | { kind: 'unknown_step'; stepId: string; next: string }
  | { kind: 'unreachable_step'; stepId: string }
  /** No end of the script can be reached from this step: the agent would go round forever. */
  | { kind: 'dead_end_step'; stepId: string }
  | {
      kind: 'missing_translation';
      language: Language;
      stepId: string | null;
      part: 'title' | 'text' | 'branch';
    }
  | { kind: 'trigger_overlap'; otherScriptId: string; reasons: string[] };

/** Another script already published to agents, as the overlap check needs it. */
export interface PublishedScriptTriggers {
  scriptId: string;
  audience: Audience;
  triggers: ScriptContent['triggers'];
}

export interface ScriptLintOptions {
  /** The studio id of the script being linted (it never overlaps itself). */
  scriptId: string;
  /** The other scripts agents currently have. */
  published: readonly PublishedScriptTriggers[];
  knownVariables?: readonly string[];
}

export function lintScriptContent(
  content: ScriptContent,
  options: ScriptLintOptions,
): ScriptLintIssue[] {
  const issues: ScriptLintIssue[] = [];
  const known = options.knownVariables ?? SCRIPT_VARIABLES;

  for (const lang of content.audience.languages) {
    if (!content.title[lang]?.trim()) {
      issues.push({ kind: 'missing_translation', language: lang, stepId: null, part: 'title' });
    }
    for (const step of content.steps) {
      const text = step.text[lang] ?? '';
      if (!text.trim()) {
        issues.push({ kind: 'missing_translation', language: lang, stepId: step.id, part: 'text' });
      }
      if (step.branches.some((b) => !b.label[lang]?.trim())) {
        issues.push({
          kind: 'missing_translation',
          language: lang,
          stepId: step.id,
          part: 'branch',
        });
      }
      for (const issue of lintScriptText(text, known)) {
        issues.push({ ...issue, stepId: step.id, language: lang });
      }
    }
  }

  // The structure is the same in every language: check it once.
  const [first] = contentToVersions('lint', content, {
    version: 1,
    releaseNotes: '',
    publishedAt: new Date(0).toISOString(),
  });
  if (first) {
    for (const issue of validateScript(first)) {
      if (issue.kind !== 'empty_script') issues.push(issue);
    }
    for (const stepId of deadEndSteps(content)) issues.push({ kind: 'dead_end_step', stepId });
  }

  for (const other of options.published) {
    if (other.scriptId === options.scriptId) continue;
    const shared = overlappingReasons(content, other);
    if (shared)
      issues.push({ kind: 'trigger_overlap', otherScriptId: other.scriptId, reasons: shared });
  }
  return issues;
}

/**
 * Steps from which no end (a step with neither branches nor a step after it) can be reached:
 * branches that only loop back. Steps the first step never reaches are `unreachable_step`.
 */
export function deadEndSteps(content: ScriptContent): string[] {
  const ids = new Set(content.steps.map((s) => s.id));
  const [version] = contentToVersions('lint', content, {
    version: 1,
    releaseNotes: '',
    publishedAt: new Date(0).toISOString(),
  });
  if (!version) return [];
  const implicit = implicitNextSteps(version);
  const successors = new Map<string, string[]>();
  for (const step of content.steps) {
    if (successors.has(step.id)) continue;
    const next = step.branches.map((b) => b.next).filter((n) => ids.has(n));
    const after = implicit.get(step.id);
    if (after !== undefined) next.push(after);
    successors.set(step.id, next);
  }
  // Walk backwards from the ends: whatever reaches one is fine.
  const ends = [...successors].filter(
    ([id, next]) =>
      next.length === 0 && (content.steps.find((s) => s.id === id)?.branches.length ?? 0) === 0,
  );
  const canEnd = new Set(ends.map(([id]) => id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, next] of successors) {
      if (!canEnd.has(id) && next.some((n) => canEnd.has(n))) {
        canEnd.add(id);
        grew = true;
      }
    }
  }
  return [...successors.keys()].filter((id) => !canEnd.has(id));
}

/** Whether two audience or tier lists share a member; empty means "all" for every such list. */
export function listsMeet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));
}

/**
 * Two scripts overlap when one call could match both with the same rank (so which one an agent
 * sees would depend on publish times): the same language and center, a tier both accept, and the
 * same reason code — or both general (no reasons). Returns the shared reasons, or null.
 */
export function overlappingReasons(
  content: Pick<ScriptContent, 'audience' | 'triggers'>,
  other: Pick<ScriptContent, 'audience' | 'triggers'>,
): string[] | null {
  if (!content.audience.languages.some((l) => other.audience.languages.includes(l))) return null;
  if (!listsMeet(content.audience.centers, other.audience.centers)) return null;
  if (!listsMeet(content.triggers.tiers, other.triggers.tiers)) return null;
  // Tier-specific and general scripts rank differently, so they never tie.
  if ((content.triggers.tiers.length === 0) !== (other.triggers.tiers.length === 0)) return null;
  const mine = content.triggers.reasons;
  const theirs = other.triggers.reasons;
  if (mine.length === 0 && theirs.length === 0) return [];
  const shared = mine.filter((r) => theirs.includes(r));
  return shared.length > 0 ? shared : null;
}
