import type { CustomerTier } from '../domain/customer';
import type { ScriptVersion } from '../domain/guidance';
import type { Language } from '../domain/primitives';

/**
 * Chooses the script for a call from its triggers: a script for the likely reason first (an
 * exact code beats its parent, e.g. `delivery`), then one for the customer's tier, then a
 * general script (no triggers). A script restricted to tiers never shows for another tier.
 * Only the latest version of each script counts; the language falls back when none exists.
 */
export interface ScriptSelection {
  script: ScriptVersion;
  match: 'reason' | 'tier' | 'general';
}

export interface SelectScriptOptions {
  likelyReason: string | null;
  tier: CustomerTier;
  /** The call's language (the customer's, or the agent's); then `fallbackLanguage`. */
  language: Language;
  fallbackLanguage?: Language;
  /** The agent's center: a script whose audience names other centers never shows. */
  centerId?: string | null;
}

export function latestVersions(scripts: readonly ScriptVersion[]): ScriptVersion[] {
  const latest = new Map<string, ScriptVersion>();
  for (const s of scripts) {
    const key = `${s.language}\u0000${s.scriptId}`;
    const seen = latest.get(key);
    if (!seen || s.version > seen.version) latest.set(key, s);
  }
  return [...latest.values()];
}

function reasonScore(triggers: readonly string[], reason: string | null): number {
  if (reason === null) return 0;
  let best = 0;
  for (const t of triggers) {
    if (t === reason) best = Math.max(best, 2);
    else if (reason.startsWith(`${t}.`)) best = Math.max(best, 1);
  }
  return best;
}

function rank(
  s: ScriptVersion,
  options: SelectScriptOptions,
): [number, ScriptSelection['match']] | null {
  const { reasons, tiers, centers = [] } = s.triggers;
  if (tiers.length > 0 && !tiers.includes(options.tier)) return null;
  if (centers.length > 0 && (!options.centerId || !centers.includes(options.centerId))) {
    return null;
  }
  const tierBonus = tiers.length > 0 ? 1 : 0;
  if (reasons.length > 0) {
    const score = reasonScore(reasons, options.likelyReason);
    return score === 0 ? null : [100 + score * 10 + tierBonus, 'reason'];
  }
  return tierBonus ? [50, 'tier'] : [10, 'general'];
}

/** The more recently published script wins a tie; then the smaller id, for determinism. */
function newer(a: ScriptVersion, b: ScriptVersion): boolean {
  const d = Date.parse(a.publishedAt) - Date.parse(b.publishedAt);
  return d !== 0 && Number.isFinite(d) ? d > 0 : a.scriptId < b.scriptId;
}

function selectIn(
  scripts: readonly ScriptVersion[],
  language: Language,
  options: SelectScriptOptions,
): ScriptSelection | null {
  let best: { score: number; selection: ScriptSelection } | null = null;
  for (const script of latestVersions(scripts.filter((s) => s.language === language))) {
    const ranked = rank(script, options);
    if (!ranked) continue;
    const [score, match] = ranked;
    const better =
      !best || score > best.score || (score === best.score && newer(script, best.selection.script));
    if (better) best = { score, selection: { script, match } };
  }
  return best?.selection ?? null;
}

export function selectScript(
  scripts: readonly ScriptVersion[],
  options: SelectScriptOptions,
): ScriptSelection | null {
  const primary = selectIn(scripts, options.language, options);
  if (primary || !options.fallbackLanguage || options.fallbackLanguage === options.language) {
    return primary;
  }
  return selectIn(scripts, options.fallbackLanguage, options);
}
