import { expect, it } from 'vitest';
import {
  scriptSchemas,
  type ScriptContent,
} from '../../../../src/shared/protocol/script-authoring';
import { studioServer, X } from './studio-fixture';
import { describeEachDatabase } from '../../../fixtures/test-database';

function content(text: string, overrides: Partial<ScriptContent> = {}): ScriptContent {
  return {
    title: { ja: '返品の確認', en: 'Return status' },
    audience: { languages: ['ja', 'en'], centers: [] },
    triggers: { reasons: ['returns.status'], tiers: [] },
    steps: [
      {
        id: 'greet',
        compliance: false,
        text: { ja: `${text} {{customer.name}}様`, en: `${text} {{customer.name}}` },
        branches: [],
      },
      { id: 'close', compliance: false, text: { ja: '以上です', en: 'That is all' }, branches: [] },
    ],
    ...overrides,
  };
}

describeEachDatabase('script studio endpoints on $name', ({ postgres }) => {
  const studio = studioServer(postgres);
  const { as } = studio;
  const publish = (who: string, scriptId: string, c: ScriptContent, notes = 'notes') =>
    as(who, 'POST', '/v1/studio/publish', {
      scriptId,
      content: c,
      releaseNotes: notes,
    });

  const pulledScripts = (who: string) => studio.pulled(who, 'script_version');

  it('lets trainers and admins save drafts and publish; agents and supervisors get 403', async () => {
    for (const who of ['agent', 'supervisor']) {
      const drafted = await as(who, 'PUT', '/v1/studio/drafts', {
        scriptId: 'returns',
        content: content('x'),
      });
      expect(drafted.status, who).toBe(403);
      expect((await publish(who, 'returns', content('x'))).status, who).toBe(403);
      expect((await as(who, 'GET', '/v1/studio/scripts')).status, who).toBe(403);
    }
    const drafted = await as('trainer', 'PUT', '/v1/studio/drafts', {
      scriptId: 'returns',
      content: content('下書き'),
    });
    expect(drafted.status).toBe(200);
    const list = scriptSchemas.list.parse((await as('admin', 'GET', '/v1/studio/scripts')).json);
    expect(list.scripts).toEqual([
      expect.objectContaining({ scriptId: 'returns', status: 'draft', version: null }),
    ]);
    // Drafts never reach agents.
    expect(await pulledScripts('agent')).toEqual([]);

    const published = await publish('trainer', 'returns', content('こんにちは'), '初版');
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(scriptSchemas.publishResponse.parse(published.json)).toMatchObject({ version: 1 });
    const agentScripts = await pulledScripts('agent');
    expect(agentScripts.map((s) => [s.scriptId, s.version, s.language, s.releaseNotes])).toEqual([
      ['returns-ja', 1, 'ja', '初版'],
      ['returns-en', 1, 'en', '初版'],
    ]);
    expect(agentScripts[0]!.steps[0]!.text).toBe('こんにちは {{customer.name}}様');
    const detail = scriptSchemas.detail.parse(
      (await as('trainer', 'GET', '/v1/studio/script?scriptId=returns')).json,
    );
    // The publish consumed the draft.
    expect(detail.draft).toBeNull();
    expect(detail.versions).toEqual([
      expect.objectContaining({ version: 1, releaseNotes: '初版', publishedBy: `trainer of ${X}` }),
    ]);
  });

  it('refuses a publish that fails the lint, with the reasons', async () => {
    const bad = content('{{customer.nmae}}');
    bad.steps[1]!.text = { ja: '以上です' };
    const reply = await publish('trainer', 'returns', bad);
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ error: { code: 'lint_failed' } });
    const message = (reply.json as { error: { message: string } }).error.message;
    expect(message).toContain('unknown_variable (greet)');
    expect(message).toContain('missing_translation (close)');
    // Another script on the same reason overlaps the published one.
    const overlap = await publish('admin', 'returns-copy', content('別'));
    expect(overlap.status).toBe(422);
    expect((overlap.json as { error: { message: string } }).error.message).toContain(
      'trigger_overlap',
    );
    // An audience center of another retailer is refused.
    const foreign = await publish(
      'trainer',
      'returns',
      content('x', { audience: { languages: ['ja'], centers: ['retailer-b-center-x'] } }),
    );
    expect(foreign.status).toBe(400);
  });

  it('keeps published versions immutable: every publish and rollback is a new version', async () => {
    expect((await publish('admin', 'returns', content('第二版'), 'v2')).status).toBe(200);
    const v1 = scriptSchemas.versionDetail.parse(
      (await as('trainer', 'GET', '/v1/studio/script/version?scriptId=returns&version=1')).json,
    );
    expect(v1.content.steps[0]!.text.ja).toBe('こんにちは {{customer.name}}様');

    const rolledBack = await as('trainer', 'POST', '/v1/studio/rollback', {
      scriptId: 'returns',
      version: 1,
      releaseNotes: '第二版を取り消し',
    });
    expect(rolledBack.status, JSON.stringify(rolledBack.json)).toBe(200);
    expect(scriptSchemas.publishResponse.parse(rolledBack.json).version).toBe(3);
    const detail = scriptSchemas.detail.parse(
      (await as('trainer', 'GET', '/v1/studio/script?scriptId=returns')).json,
    );
    expect(detail.versions.map((v) => [v.version, v.releaseNotes, v.rollbackOf])).toEqual([
      [3, '第二版を取り消し', 1],
      [2, 'v2', null],
      [1, '初版', null],
    ]);
    expect(detail.published?.content.steps[0]!.text.ja).toBe('こんにちは {{customer.name}}様');
    // Version 2 is still there as it was published.
    const v2 = scriptSchemas.versionDetail.parse(
      (await as('trainer', 'GET', '/v1/studio/script/version?scriptId=returns&version=2')).json,
    );
    expect(v2.content.steps[0]!.text.ja).toBe('第二版 {{customer.name}}様');
    const agentScripts = await pulledScripts('agent');
    expect(agentScripts.filter((s) => s.language === 'ja').map((s) => s.version)).toEqual([
      1, 2, 3,
    ]);
    // A rollback of a version that does not exist.
    const missing = await as('trainer', 'POST', '/v1/studio/rollback', {
      scriptId: 'returns',
      version: 99,
      releaseNotes: 'x',
    });
    expect(missing.status).toBe(404);
  });

  it('keeps retailers apart', async () => {
    const bList = scriptSchemas.list.parse(
      (await as('bTrainer', 'GET', '/v1/studio/scripts')).json,
    );
    expect(bList.scripts).toEqual([]);
    const read = await as('bTrainer', 'GET', '/v1/studio/script?scriptId=returns');
    expect(read.status).toBe(404);
    const old = await as('bTrainer', 'GET', '/v1/studio/script/version?scriptId=returns&version=1');
    expect(old.status).toBe(404);
    // B's own script of the same id starts at version 1 and stays in B.
    const bPublished = await publish('bTrainer', 'returns', content('B'));
    expect(scriptSchemas.publishResponse.parse(bPublished.json).version).toBe(1);
    expect((await pulledScripts('agent')).some((s) => s.steps[0]!.text.startsWith('B '))).toBe(
      false,
    );
  });

  it('publishes to chosen centers only, through the triggers agents already read', async () => {
    const reply = await publish(
      'trainer',
      'center-x-only',
      content('X', {
        audience: { languages: ['ja'], centers: [X] },
        triggers: { reasons: ['delivery.late'], tiers: [] },
      }),
    );
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const record = (await pulledScripts('agent')).find((s) => s.scriptId === 'center-x-only-ja');
    expect(record?.triggers.centers).toEqual([X]);
  });

  it('refuses a rollback to what agents already have: no duplicate version is written', async () => {
    const rollback = (version: number) =>
      as('trainer', 'POST', '/v1/studio/rollback', {
        scriptId: 'rollback-edge',
        version,
        releaseNotes: 'back',
      });
    const history = async () =>
      scriptSchemas.detail
        .parse((await as('trainer', 'GET', '/v1/studio/script?scriptId=rollback-edge')).json)
        .versions.map((v) => [v.version, v.rollbackOf]);
    // A trigger no other script of the suite has (the lint refuses overlaps).
    const edge = (text: string) =>
      content(text, { triggers: { reasons: ['billing.invoice'], tiers: [] } });

    const first = await publish('admin', 'rollback-edge', edge('一'), 'v1');
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    // The only version is the current one.
    const same = await rollback(1);
    expect(same.status).toBe(409);
    expect(same.json).toEqual({
      error: {
        code: 'already_current',
        message:
          'Version 1 of rollback-edge is already the current version; nothing was published.',
      },
    });
    expect(await history()).toEqual([[1, null]]);

    expect((await publish('admin', 'rollback-edge', edge('二'), 'v2')).status).toBe(200);
    const back = await rollback(1);
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(scriptSchemas.publishResponse.parse(back.json).version).toBe(3);
    // v3 is now current: rolling back to it again would only duplicate it.
    const again = await rollback(3);
    expect(again.status).toBe(409);
    expect((again.json as { error: { code: string } }).error.code).toBe('already_current');
    expect(await history()).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
  });
});
