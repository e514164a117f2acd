import type { Language } from '../domain/primitives';
import type { AnswerContent } from '../protocol/answer-authoring';
import { diffLines, type LineChange } from './script-diff';

/**
 * What changed between two versions of an approved answer, for the version history: the title,
 * tags and audience as flags, and the body line by line in each language either version has.
 */
export interface AnswerDiff {
  titleChanged: boolean;
  tagsChanged: boolean;
  audienceChanged: boolean;
  bodies: { language: Language; lines: LineChange[] }[];
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

export function diffAnswerContent(before: AnswerContent, after: AnswerContent): AnswerDiff {
  const languages = (['ja', 'en'] as const).filter(
    (l) => before.body[l] !== undefined || after.body[l] !== undefined,
  );
  return {
    titleChanged: !same(before.title, after.title),
    tagsChanged: !same(before.tags, after.tags),
    audienceChanged: !same(before.audience, after.audience),
    bodies: languages
      .filter((l) => (before.body[l] ?? '') !== (after.body[l] ?? ''))
      .map((language) => ({
        language,
        lines: diffLines(before.body[language] ?? '', after.body[language] ?? ''),
      })),
  };
}
