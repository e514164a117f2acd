import { describe, expect, it } from 'vitest';
import { demoScriptVersions } from '../../../../src/shared/demo/scripts';
import {
  contentToVersions,
  groupStudioVersions,
  lintScriptContent,
  overlappingReasons,
  versionsToContent,
} from '../../../../src/shared/guidance';
import type { ScriptContent } from '../../../../src/shared/protocol/script-authoring';

function script(overrides: Partial<ScriptContent> = {}): ScriptContent {
  return {
    title: { ja: '返品', en: 'Returns' },
    audience: { languages: ['ja', 'en'], centers: [] },
    triggers: { reasons: ['returns.status'], tiers: [] },
    steps: [
      {
        id: 'greet',
        compliance: false,
        text: { ja: '{{customer.name}}様', en: 'Hello {{customer.name}}' },
        branches: [
          { next: 'ok', label: { ja: 'はい', en: 'Yes' } },
          { next: 'no', label: { ja: 'いいえ', en: 'No' } },
        ],
      },
      { id: 'ok', compliance: false, text: { ja: '完了', en: 'Done' }, branches: [] },
      { id: 'no', compliance: false, text: { ja: '終了', en: 'Bye' }, branches: [] },
    ],
    ...overrides,
  };
}

const lint = (content: ScriptContent, published = []) =>
  lintScriptContent(content, { scriptId: 'returns', published });

describe('lintScriptContent', () => {
  it('passes a complete script', () => {
    expect(lint(script())).toEqual([]);
  });

  it('passes every demo script, grouped into studio scripts', () => {
    const groups = groupStudioVersions(demoScriptVersions(Date.parse('2026-11-01T00:00:00Z')));
    expect([...groups.keys()].sort()).toEqual([
      'script-greeting',
      'script-not-received',
      'script-proactive-delay',
      'script-return-refund',
      'script-wismo-late',
    ]);
    const contents = [...groups].map(([id, versions]) => ({
      id,
      content: versionsToContent(versions.get(1)!),
    }));
    for (const { id, content } of contents) {
      const others = contents.map((c) => ({ scriptId: c.id, ...c.content }));
      expect(lintScriptContent(content, { scriptId: id, published: others }), id).toEqual([]);
    }
  });

  it('reports unknown variables, bad placeholders and unknown filters per language', () => {
    const content = script();
    content.steps[1]!.text = {
      ja: '{{order.nmber}} {{ bad name }}',
      en: '{{order.total | shout}}',
    };
    expect(lint(content)).toEqual([
      { kind: 'unknown_variable', stepId: 'ok', language: 'ja', name: 'order.nmber' },
      { kind: 'invalid_placeholder', stepId: 'ok', language: 'ja', text: 'bad name' },
      {
        kind: 'unknown_filter',
        stepId: 'ok',
        language: 'en',
        name: 'order.total',
        filter: 'shout',
      },
    ]);
  });

  it('reports missing translations of the title, step texts and branch labels', () => {
    const content = script({ title: { ja: '返品' } });
    content.steps[0]!.branches[1]!.label = { ja: 'いいえ' };
    content.steps[2]!.text = { ja: '終了', en: '  ' };
    expect(lint(content)).toEqual([
      { kind: 'missing_translation', language: 'en', stepId: null, part: 'title' },
      { kind: 'missing_translation', language: 'en', stepId: 'greet', part: 'branch' },
      { kind: 'missing_translation', language: 'en', stepId: 'no', part: 'text' },
    ]);
    // A language outside the audience needs nothing.
    content.audience.languages = ['ja'];
    expect(lint(content)).toEqual([]);
  });

  it('reports unreachable steps, branches to nowhere and duplicate ids', () => {
    const content = script();
    content.steps[0]!.branches = [{ next: 'ok', label: { ja: 'はい', en: 'Yes' } }];
    content.steps.push({ id: 'ok', compliance: false, text: { ja: 'x', en: 'x' }, branches: [] });
    content.steps[1]!.branches = [{ next: 'gone', label: { ja: '次', en: 'Next' } }];
    const issues = lint(content);
    expect(issues).toContainEqual({ kind: 'unreachable_step', stepId: 'no' });
    expect(issues).toContainEqual({ kind: 'unknown_step', stepId: 'ok', next: 'gone' });
    expect(issues).toContainEqual({ kind: 'duplicate_step', stepId: 'ok' });
  });

  it('reports dead-end steps: loops with no way to an end', () => {
    const content = script();
    content.steps[1]!.branches = [{ next: 'loop', label: { ja: '次', en: 'Next' } }];
    content.steps.push({
      id: 'loop',
      compliance: false,
      text: { ja: 'もう一度', en: 'Again' },
      branches: [{ next: 'ok', label: { ja: '戻る', en: 'Back' } }],
    });
    expect(lint(content)).toEqual([
      { kind: 'dead_end_step', stepId: 'ok' },
      { kind: 'dead_end_step', stepId: 'loop' },
    ]);
  });

  it('reports triggers that overlap another published script, and only real overlaps', () => {
    const other = {
      scriptId: 'refunds',
      audience: { languages: ['ja' as const], centers: [] },
      triggers: { reasons: ['returns.status', 'returns.refund'], tiers: [] },
    };
    expect(lintScriptContent(script(), { scriptId: 'returns', published: [other] })).toEqual([
      { kind: 'trigger_overlap', otherScriptId: 'refunds', reasons: ['returns.status'] },
    ]);
    // Itself, another language, other centers, a tier-specific script: no overlap.
    expect(lintScriptContent(script(), { scriptId: 'refunds', published: [other] })).toEqual([]);
    const mine = script({ audience: { languages: ['ja'], centers: [] } });
    expect(
      overlappingReasons(mine, {
        ...other,
        audience: { languages: ['en'], centers: [] },
      }),
    ).toBeNull();
    expect(
      overlappingReasons(
        { ...mine, audience: { languages: ['ja'], centers: ['c1'] } },
        { ...other, audience: { languages: ['ja'], centers: ['c2'] } },
      ),
    ).toBeNull();
    expect(
      overlappingReasons(mine, { ...other, triggers: { ...other.triggers, tiers: ['vip'] } }),
    ).toBeNull();
    // Two general scripts always tie.
    const general = { ...mine, triggers: { reasons: [], tiers: [] } };
    expect(overlappingReasons(general, { ...other, triggers: { reasons: [], tiers: [] } })).toEqual(
      [],
    );
  });
});

describe('studio content ↔ per-language versions', () => {
  it('round-trips through the records agents receive', () => {
    const content = script({ audience: { languages: ['ja', 'en'], centers: ['center-1'] } });
    const versions = contentToVersions('returns', content, {
      version: 3,
      releaseNotes: 'notes',
      publishedAt: '2026-11-23T00:00:00.000Z',
    });
    expect(versions.map((v) => [v.scriptId, v.language, v.version, v.triggers.centers])).toEqual([
      ['returns-ja', 'ja', 3, ['center-1']],
      ['returns-en', 'en', 3, ['center-1']],
    ]);
    expect(versions[1]!.steps[0]!.branches[0]!.label).toBe('Yes');
    expect(versionsToContent(versions)).toEqual(content);
  });
});
