import { describe, expect, it } from 'vitest';
import type { ScriptVersion } from '../../../../src/shared/domain';
import { demoScriptVersions } from '../../../../src/shared/demo/scripts';
import { ScriptRunner, selectScript, validateScript } from '../../../../src/shared/guidance';

function script(overrides: Partial<ScriptVersion> = {}): ScriptVersion {
  return {
    scriptId: 's',
    version: 1,
    language: 'ja',
    title: 't',
    triggers: { reasons: [], tiers: [] },
    steps: [
      {
        id: 'a',
        text: 'A',
        compliance: false,
        branches: [
          { label: 'to b', next: 'b' },
          { label: 'to c', next: 'c' },
        ],
      },
      {
        id: 'b',
        text: 'B',
        compliance: false,
        branches: [
          { label: 'broken', next: 'nowhere' },
          { label: 'to c', next: 'c' },
        ],
      },
      { id: 'c', text: 'C', compliance: false, branches: [] },
    ],
    releaseNotes: '',
    publishedAt: '2026-10-01T00:00:00.000Z',
    ...overrides,
  };
}

function start(s: ScriptVersion): ScriptRunner {
  const r = ScriptRunner.start(s);
  if (!r.ok) throw new Error(r.error.kind);
  return r.runner;
}

describe('ScriptRunner', () => {
  it('follows branches by index or label, goes back, and keeps the path for the VoC record', () => {
    let runner = start(script());
    expect(runner.current.id).toBe('a');
    expect(runner.canGoBack).toBe(false);
    const toB = runner.choose(0);
    if (!toB.ok) throw new Error('expected ok');
    runner = toB.runner;
    expect(runner.current.id).toBe('b');
    const toC = runner.choose('to c');
    if (!toC.ok) throw new Error('expected ok');
    expect(toC.runner.current.id).toBe('c');
    expect(toC.runner.finished).toBe(true);
    expect(toC.runner.history).toEqual(['a', 'b', 'c']);
    const back = toC.runner.back();
    expect(back.current.id).toBe('b');
    expect(back.history).toEqual(['a', 'b']);
    expect(back.visited).toEqual(['a', 'b', 'c', 'b']);
    // Immutable: the earlier runner is untouched.
    expect(runner.history).toEqual(['a', 'b']);
    expect(start(script()).back().current.id).toBe('a');
  });

  it('an unknown next step or branch is an error result, not a crash', () => {
    const runner = start(script());
    const b = runner.choose(0);
    if (!b.ok) throw new Error('expected ok');
    expect(b.runner.choose(0)).toEqual({
      ok: false,
      error: { kind: 'unknown_step', stepId: 'b', next: 'nowhere' },
    });
    expect(b.runner.choose(7)).toEqual({
      ok: false,
      error: { kind: 'no_such_branch', stepId: 'b', branch: 7 },
    });
    expect(b.runner.current.id).toBe('b');
    expect(ScriptRunner.start(script({ steps: [] }))).toEqual({
      ok: false,
      error: { kind: 'empty_script' },
    });
  });

  it('a step without branches continues to the next step unless that one is a branch target', () => {
    const greeting = demoScriptVersions(0).find((s) => s.scriptId === 'script-greeting-ja');
    if (!greeting) throw new Error('no greeting script');
    let runner = start(greeting);
    expect(runner.current.id).toBe('greet');
    expect(runner.finished).toBe(false);
    expect(runner.next).toBe('verify');
    const verify = runner.advance();
    if (!verify.ok) throw new Error('expected ok');
    runner = verify.runner;
    expect(runner.next).toBeNull();
    const ask = runner.choose('確認できた');
    if (!ask.ok) throw new Error('expected ok');
    expect(ask.runner.current.id).toBe('ask');
    expect(ask.runner.finished).toBe(true);
    expect(ask.runner.advance().ok).toBe(false);
    expect(ask.runner.history).toEqual(['greet', 'verify', 'ask']);
  });

  it('validateScript finds unknown targets, duplicates and unreachable steps', () => {
    const s = script();
    s.steps[2] = {
      id: 'c',
      text: 'C',
      compliance: false,
      branches: [{ label: 'again', next: 'a' }],
    };
    s.steps.push({ id: 'orphan', text: '', compliance: false, branches: [] });
    s.steps.push({ id: 'c', text: 'again', compliance: false, branches: [] });
    expect(validateScript(s)).toEqual([
      { kind: 'duplicate_step', stepId: 'c' },
      { kind: 'unknown_step', stepId: 'b', next: 'nowhere' },
      { kind: 'unreachable_step', stepId: 'orphan' },
    ]);
    for (const demo of demoScriptVersions(0)) expect(validateScript(demo)).toEqual([]);
  });
});

describe('selectScript', () => {
  const demo = demoScriptVersions(Date.parse('2026-10-24T00:00:00Z'));

  it('picks the script triggered by the likely reason, in the call language', () => {
    expect(
      selectScript(demo, { likelyReason: 'delivery.late', tier: 'gold', language: 'ja' }),
    ).toMatchObject({
      match: 'reason',
      script: { scriptId: 'script-wismo-late-ja' },
    });
    expect(
      selectScript(demo, { likelyReason: 'returns.refund', tier: 'silver', language: 'en' }),
    ).toMatchObject({
      match: 'reason',
      script: { scriptId: 'script-return-refund-en' },
    });
  });

  it('falls back to the general script when no trigger matches', () => {
    expect(
      selectScript(demo, { likelyReason: 'billing.invoice', tier: 'gold', language: 'ja' }),
    ).toMatchObject({
      match: 'general',
      script: { scriptId: 'script-greeting-ja' },
    });
    expect(
      selectScript(demo, { likelyReason: null, tier: 'gold', language: 'en' })?.script.scriptId,
    ).toBe('script-greeting-en');
  });

  it('exact reason beats parent; tier scripts beat general; tier restrictions are honoured', () => {
    const base = script();
    const scripts: ScriptVersion[] = [
      { ...base, scriptId: 'general' },
      { ...base, scriptId: 'vip-welcome', triggers: { reasons: [], tiers: ['vip'] } },
      { ...base, scriptId: 'delivery-any', triggers: { reasons: ['delivery'], tiers: [] } },
      { ...base, scriptId: 'late', triggers: { reasons: ['delivery.late'], tiers: [] } },
      { ...base, scriptId: 'late-vip', triggers: { reasons: ['delivery.late'], tiers: ['vip'] } },
    ];
    const pick = (likelyReason: string | null, tier: 'vip' | 'gold'): string | undefined =>
      selectScript(scripts, { likelyReason, tier, language: 'ja' })?.script.scriptId;
    expect(pick('delivery.late', 'vip')).toBe('late-vip');
    expect(pick('delivery.late', 'gold')).toBe('late');
    expect(pick('delivery.damaged', 'gold')).toBe('delivery-any');
    expect(pick('billing.invoice', 'vip')).toBe('vip-welcome');
    expect(pick('billing.invoice', 'gold')).toBe('general');
  });

  it('uses the latest version of a script, and the fallback language when needed', () => {
    const v1 = script({
      scriptId: 'x',
      version: 1,
      triggers: { reasons: ['delivery.late'], tiers: [] },
    });
    const v2 = { ...v1, version: 2, title: 'v2' };
    expect(
      selectScript([v2, v1], { likelyReason: 'delivery.late', tier: 'gold', language: 'ja' })
        ?.script.version,
    ).toBe(2);
    expect(
      selectScript([v1], { likelyReason: 'delivery.late', tier: 'gold', language: 'en' }),
    ).toBeNull();
    expect(
      selectScript([v1], {
        likelyReason: 'delivery.late',
        tier: 'gold',
        language: 'en',
        fallbackLanguage: 'ja',
      })?.script.language,
    ).toBe('ja');
  });
});
