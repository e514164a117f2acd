import { describe, expect, it } from 'vitest';
import { diffLines, diffScriptContent } from '../../../../src/shared/guidance';
import type { ScriptContent } from '../../../../src/shared/protocol/script-authoring';

const base: ScriptContent = {
  title: { ja: '返品' },
  audience: { languages: ['ja'], centers: [] },
  triggers: { reasons: ['returns.status'], tiers: [] },
  steps: [
    {
      id: 'greet',
      compliance: false,
      text: { ja: 'こんにちは\n{{customer.name}}様' },
      branches: [],
    },
    { id: 'verify', compliance: true, text: { ja: '本人確認' }, branches: [] },
    { id: 'close', compliance: false, text: { ja: '終了' }, branches: [] },
  ],
};

describe('diffLines', () => {
  it('keeps common lines and marks what was removed and added', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(diffLines('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
    expect(diffLines('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
  });
});

describe('diffScriptContent', () => {
  it('matches steps by id: added, removed, changed (with lines) and unchanged', () => {
    const after: ScriptContent = structuredClone(base);
    after.title = { ja: '返品・返金' };
    after.steps[0]!.text.ja = 'こんにちは\n{{customer.name}}様、お待たせしました';
    after.steps.splice(2, 1);
    after.steps.push({ id: 'refund', compliance: false, text: { ja: '返金' }, branches: [] });
    after.steps[1]!.branches = [{ next: 'refund', label: { ja: '次' } }];
    const diff = diffScriptContent(base, after, 'ja');
    expect(diff.titleChanged).toBe(true);
    expect(diff.triggersChanged).toBe(false);
    expect(diff.steps).toEqual([
      {
        change: 'changed',
        stepId: 'greet',
        lines: [
          { op: 'same', text: 'こんにちは' },
          { op: 'removed', text: '{{customer.name}}様' },
          { op: 'added', text: '{{customer.name}}様、お待たせしました' },
        ],
        branchesChanged: false,
        complianceChanged: false,
      },
      {
        change: 'changed',
        stepId: 'verify',
        lines: [{ op: 'same', text: '本人確認' }],
        branchesChanged: true,
        complianceChanged: false,
      },
      { change: 'added', stepId: 'refund' },
      { change: 'removed', stepId: 'close' },
    ]);
  });

  it('finds nothing between equal versions', () => {
    const diff = diffScriptContent(base, structuredClone(base), 'ja');
    expect(diff.steps.every((s) => s.change === 'unchanged')).toBe(true);
    expect(diff.audienceChanged).toBe(false);
  });
});
