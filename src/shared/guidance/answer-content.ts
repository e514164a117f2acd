import type { KnowledgeAnswer } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { AnswerContent } from '../protocol/answer-authoring';
import { groupByStudioVersion, languageRecordId } from './language-ids';

/**
 * The studio edits one approved answer in all its languages; agents' desktops hold one
 * `knowledge_answer` record per language (`<answerId>-<language>`). These functions convert
 * between the two, so the studio also opens answers a retailer pushed in per language.
 */

/** At most this many tags per language: they are search words, not a taxonomy. */
export const MAX_ANSWER_TAGS = 20;

/**
 * Tags as agents search them: full-width letters and digits folded (NFKC, so "ＶＩＰ" is "VIP"),
 * spaces trimmed and collapsed, empties dropped, and duplicates (ignoring case) kept once.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
    if (out.length === MAX_ANSWER_TAGS) break;
  }
  return out;
}

/** Splits what a trainer typed into tags: commas (ASCII, full-width, 読点) or new lines. */
export function parseTagInput(text: string): string[] {
  return normalizeTags(text.split(/[,，、\n]/));
}

/** Version `version` of a studio answer as the records agents receive, one per language. */
export function contentToAnswers(
  answerId: string,
  content: AnswerContent,
  meta: { version: number; publishedAt: string },
): KnowledgeAnswer[] {
  return content.audience.languages.map((lang) => ({
    id: languageRecordId(answerId, lang),
    version: meta.version,
    language: lang,
    title: (content.title[lang] ?? '').trim(),
    body: content.body[lang] ?? '',
    tags: normalizeTags(content.tags[lang] ?? []),
    publishedAt: meta.publishedAt,
    ...(content.audience.centers.length > 0 ? { centers: [...content.audience.centers] } : {}),
  }));
}

/** The per-language records of one studio answer (same version) merged back into one content. */
export function answersToContent(records: readonly KnowledgeAnswer[]): AnswerContent {
  const ordered = [...records].sort((a, b) =>
    a.language === b.language ? 0 : a.language === 'ja' ? -1 : 1,
  );
  const lead = ordered[0];
  if (!lead) throw new Error('answersToContent needs at least one record');
  const content: AnswerContent = {
    title: {},
    body: {},
    tags: {},
    audience: { languages: ordered.map((r) => r.language), centers: [...(lead.centers ?? [])] },
  };
  for (const r of ordered) {
    content.title[r.language] = r.title;
    content.body[r.language] = r.body;
    content.tags[r.language] = [...r.tags];
  }
  return content;
}

/** Groups per-language records by studio answer and version number. */
export function groupStudioAnswers(
  records: readonly KnowledgeAnswer[],
): Map<string, Map<number, KnowledgeAnswer[]>> {
  return groupByStudioVersion(records, (r) => r.id);
}

/** A new, empty answer for the editor. */
export function emptyAnswerContent(languages: Language[]): AnswerContent {
  return { title: {}, body: {}, tags: {}, audience: { languages, centers: [] } };
}
