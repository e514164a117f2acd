import type { ScriptVersion } from '../../../shared/domain/guidance';
import type { CallGuidance } from './call-guidance';

/**
 * The call's guidance with the script version the call first showed: when a newer version of the
 * selected script arrived during the call, the call keeps reading the one it started with.
 */
export function withPinnedScript(
  guidance: CallGuidance | null,
  pinned: Readonly<Record<string, ScriptVersion>>,
): CallGuidance | null {
  const selection = guidance?.selection;
  if (!guidance || !selection) return guidance;
  const kept = pinned[selection.script.scriptId];
  if (!kept || kept.version === selection.script.version) return guidance;
  return { ...guidance, selection: { ...selection, script: kept } };
}

/** The next-best-actions the agent was offered: relevant and allowed, by policy kind. */
export function offeredActions(guidance: CallGuidance | null): string[] {
  return (guidance?.actions ?? []).filter((a) => a.relevant && a.allowed).map((a) => a.kind);
}
