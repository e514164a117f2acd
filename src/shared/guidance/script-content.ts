import type { ScriptVersion } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { ScriptContent } from '../protocol/script-authoring';
import { groupByStudioVersion, languageRecordId, studioIdOfRecord } from './language-ids';

/**
 * The studio edits one script in all its languages; agents' desktops hold one `ScriptVersion`
 * per language, with the scriptId `<studio id>-<language>`. These functions convert between the
 * two, so the studio can also open scripts a retailer pushed in as per-language records.
 */

export const languageScriptId = languageRecordId;

/** The studio id of a per-language script: its id without the `-<language>` ending. */
export function studioIdOf(version: Pick<ScriptVersion, 'scriptId' | 'language'>): string {
  return studioIdOfRecord(version.scriptId, version.language);
}

/** Version `version` of a studio script as the records agents receive, one per language. */
export function contentToVersions(
  studioId: string,
  content: ScriptContent,
  meta: { version: number; releaseNotes: string; publishedAt: string },
): ScriptVersion[] {
  return content.audience.languages.map((lang) => ({
    scriptId: languageScriptId(studioId, lang),
    version: meta.version,
    language: lang,
    title: content.title[lang] ?? '',
    triggers: {
      reasons: [...content.triggers.reasons],
      tiers: [...content.triggers.tiers],
      ...(content.audience.centers.length > 0 ? { centers: [...content.audience.centers] } : {}),
    },
    steps: content.steps.map((step) => ({
      id: step.id,
      text: step.text[lang] ?? '',
      compliance: step.compliance,
      branches: step.branches.map((b) => ({ label: b.label[lang] ?? '', next: b.next })),
    })),
    releaseNotes: meta.releaseNotes,
    publishedAt: meta.publishedAt,
  }));
}

/**
 * The per-language versions of one studio script (same version number) merged back into one
 * content: the first language's steps and triggers lead; the others add their texts to the
 * steps (and branches, by position) with the same id.
 */
export function versionsToContent(versions: readonly ScriptVersion[]): ScriptContent {
  const ordered = [...versions].sort((a, b) =>
    a.language === 'ja' ? -1 : b.language === 'ja' ? 1 : 0,
  );
  const lead = ordered[0];
  if (!lead) throw new Error('versionsToContent needs at least one version');
  const content: ScriptContent = {
    title: {},
    audience: {
      languages: ordered.map((v) => v.language),
      centers: [...(lead.triggers.centers ?? [])],
    },
    triggers: { reasons: [...lead.triggers.reasons], tiers: [...lead.triggers.tiers] },
    steps: lead.steps.map((s) => ({
      id: s.id,
      compliance: s.compliance,
      text: {},
      branches: s.branches.map((b) => ({ next: b.next, label: {} })),
    })),
  };
  for (const v of ordered) {
    content.title[v.language] = v.title;
    for (const step of content.steps) {
      const own = v.steps.find((s) => s.id === step.id);
      if (!own) continue;
      step.text[v.language] = own.text;
      step.branches.forEach((b, i) => {
        const label = own.branches[i]?.label;
        if (label !== undefined) b.label[v.language] = label;
      });
    }
  }
  return content;
}

/** Groups per-language versions by studio script and version number. */
export function groupStudioVersions(
  versions: readonly ScriptVersion[],
): Map<string, Map<number, ScriptVersion[]>> {
  return groupByStudioVersion(versions, (v) => v.scriptId);
}

/** A new, empty script for the editor. */
export function emptyScriptContent(languages: Language[]): ScriptContent {
  return {
    title: {},
    audience: { languages, centers: [] },
    triggers: { reasons: [], tiers: [] },
    steps: [{ id: 'greet', compliance: false, text: {}, branches: [] }],
  };
}
