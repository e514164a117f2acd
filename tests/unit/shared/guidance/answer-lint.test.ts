import { describe, expect, it } from 'vitest';
import { demoKnowledgeAnswers } from '../../../../src/shared/demo/knowledge';
import {
  ANSWER_BODY_LIMIT,
  answersToContent,
  contentToAnswers,
  diffAnswerContent,
  groupStudioAnswers,
  lintAnswerContent,
  normalizeTags,
  parseTagInput,
  type PublishedAnswerTitles,
} from '../../../../src/shared/guidance';
import type { AnswerContent } from '../../../../src/shared/protocol/answer-authoring';

function answer(overrides: Partial<AnswerContent> = {}): AnswerContent {
  return {
    title: { ja: '返品期限', en: 'Return deadline' },
    body: { ja: '商品到着後8日以内に\nお申し込みください。', en: 'Within 8 days of delivery.' },
    tags: { ja: ['返品'], en: ['returns'] },
    audience: { languages: ['ja', 'en'], centers: [] },
    ...overrides,
  };
}

const lint = (content: AnswerContent, published: PublishedAnswerTitles[] = []) =>
  lintAnswerContent(content, { answerId: 'kb-returns', published });

describe('lintAnswerContent', () => {
  it('passes a complete answer in both languages', () => {
    expect(lint(answer())).toEqual([]);
  });

  it('blocks a language of the audience without its title or body, like the script lint', () => {
    const issues = lint(answer({ title: { ja: '返品期限' }, body: { ja: '8日以内', en: '  ' } }));
    expect(issues).toEqual([
      { kind: 'missing_translation', language: 'en', part: 'title' },
      { kind: 'missing_translation', language: 'en', part: 'body' },
    ]);
    // A Japanese-only audience needs no English.
    expect(
      lint(answer({ audience: { languages: ['ja'], centers: [] }, title: { ja: '返品期限' } })),
    ).toEqual([]);
  });

  it('blocks a body over the limit', () => {
    const long = 'あ'.repeat(ANSWER_BODY_LIMIT + 1);
    expect(lint(answer({ body: { ja: long, en: 'ok' } }))).toEqual([
      {
        kind: 'body_too_long',
        language: 'ja',
        length: ANSWER_BODY_LIMIT + 1,
        limit: ANSWER_BODY_LIMIT,
      },
    ]);
  });

  it('blocks stray placeholders: answers are read out as written', () => {
    const issues = lint(
      answer({ body: { ja: '{{customer.name}}様、8日以内です。', en: 'ok }}' } }),
    );
    expect(issues.map((i) => [i.kind, i.language])).toEqual([
      ['stray_placeholder', 'ja'],
      ['stray_placeholder', 'en'],
    ]);
    // The whole placeholder is named; a lone brace pair is shown with what surrounds it.
    expect(issues[0]).toMatchObject({ part: 'body', text: '{{customer.name}}' });
    expect(issues[1]).toMatchObject({ part: 'body', text: 'ok }}' });
  });

  it('blocks a title another answer already has in the same language and centers', () => {
    const other: PublishedAnswerTitles = {
      answerId: 'kb-other',
      audience: { languages: ['ja', 'en'], centers: [] },
      title: { ja: '返品期限', en: 'Shipping' },
    };
    expect(lint(answer(), [other])).toEqual([
      { kind: 'duplicate_title', language: 'ja', otherAnswerId: 'kb-other', title: '返品期限' },
    ]);
    // Width, case and spaces do not make two titles different for an agent scanning results.
    const wide = { ...other, title: { en: '  RETURN   deadline ' } };
    expect(lint(answer(), [wide]).map((i) => i.kind)).toEqual(['duplicate_title']);
    // Itself, and answers for other centers only, are not duplicates.
    expect(lint(answer(), [{ ...other, answerId: 'kb-returns' }])).toEqual([]);
    const centerA = answer({ audience: { languages: ['ja', 'en'], centers: ['a'] } });
    expect(lint(centerA, [{ ...other, audience: { languages: ['ja'], centers: ['b'] } }])).toEqual(
      [],
    );
  });
});

describe('answer tags', () => {
  it('folds width, trims, drops empties and duplicates ignoring case', () => {
    expect(normalizeTags([' ＶＩＰ ', 'vip', '', '返品  交換', '返品 交換', 'Gift'])).toEqual([
      'VIP',
      '返品 交換',
      'Gift',
    ]);
  });
  it('splits typed input on commas, 読点 and new lines', () => {
    expect(parseTagInput('返品、期限,送料，ギフト\n包装')).toEqual([
      '返品',
      '期限',
      '送料',
      'ギフト',
      '包装',
    ]);
  });
});

describe('answer content and records', () => {
  it('publishes one record per language with normalized tags and the audience centers', () => {
    const records = contentToAnswers(
      'kb-returns',
      answer({
        tags: { ja: ['返品', ' 返品 '], en: ['returns'] },
        audience: { languages: ['ja', 'en'], centers: ['center-x'] },
      }),
      { version: 3, publishedAt: '2026-11-23T00:00:00.000Z' },
    );
    expect(records.map((r) => [r.id, r.version, r.language, r.tags, r.centers])).toEqual([
      ['kb-returns-ja', 3, 'ja', ['返品'], ['center-x']],
      ['kb-returns-en', 3, 'en', ['returns'], ['center-x']],
    ]);
    // Every center: no centers field, so the record reads as before.
    const all = contentToAnswers('kb-returns', answer(), { version: 1, publishedAt: '' });
    expect(all[0]).not.toHaveProperty('centers');
  });

  it("groups a retailer's per-language answers back into studio answers", () => {
    const groups = groupStudioAnswers(demoKnowledgeAnswers(Date.UTC(2026, 10, 1)));
    const deadline = groups.get('kb-return-deadline')?.get(1);
    expect(deadline?.map((r) => r.language).sort()).toEqual(['en', 'ja']);
    const content = answersToContent(deadline!);
    expect(content.audience).toEqual({ languages: ['ja', 'en'], centers: [] });
    expect(content.title.ja).toBe('返品期限');
    expect(content.title.en).toBe('Return deadline');
    expect(lintAnswerContent(content, { answerId: 'kb-return-deadline', published: [] })).toEqual(
      [],
    );
  });
});

describe('diffAnswerContent', () => {
  it('diffs each language body line by line and flags the rest', () => {
    const before = answer();
    const after = answer({
      body: { ja: '商品到着後14日以内に\nお申し込みください。', en: before.body.en },
      tags: { ja: ['返品', '期限'], en: ['returns'] },
    });
    const diff = diffAnswerContent(before, after);
    expect(diff.titleChanged).toBe(false);
    expect(diff.tagsChanged).toBe(true);
    expect(diff.audienceChanged).toBe(false);
    expect(diff.bodies).toEqual([
      {
        language: 'ja',
        lines: [
          { op: 'removed', text: '商品到着後8日以内に' },
          { op: 'added', text: '商品到着後14日以内に' },
          { op: 'same', text: 'お申し込みください。' },
        ],
      },
    ]);
    expect(diffAnswerContent(before, before).bodies).toEqual([]);
  });
});
