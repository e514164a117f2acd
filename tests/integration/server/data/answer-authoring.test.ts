import { expect, it } from 'vitest';
import { publishOnce } from '../../../../server/src/data/studio-authoring';
import type { KnowledgeAnswer } from '../../../../src/shared/domain/guidance';
import {
  answerSchemas,
  type AnswerContent,
} from '../../../../src/shared/protocol/answer-authoring';
import { pullPage } from '../../../../src/shared/protocol/sync';
import { studioServer, X } from './studio-fixture';
import { describeEachDatabase } from '../../../fixtures/test-database';

function content(body: string, overrides: Partial<AnswerContent> = {}): AnswerContent {
  return {
    title: { ja: '返品期限', en: 'Return deadline' },
    body: { ja: `${body}\n未使用の商品に限ります。`, en: `${body}\nItems must be unused.` },
    tags: { ja: ['返品', ' ＶＩＰ ', 'vip'], en: ['returns'] },
    audience: { languages: ['ja', 'en'], centers: [] },
    ...overrides,
  };
}

describeEachDatabase('approved-answer studio endpoints on $name', ({ postgres }) => {
  const studio = studioServer(postgres);
  const { as } = studio;
  const publish = (who: string, answerId: string, c: AnswerContent, notes = 'notes') =>
    as(who, 'POST', '/v1/studio/answers/publish', { answerId, content: c, releaseNotes: notes });
  const detailOf = async (answerId: string) =>
    answerSchemas.detail.parse(
      (await as('trainer', 'GET', `/v1/studio/answers/answer?answerId=${answerId}`)).json,
    );

  const pulledAnswers = (who: string) => studio.pulled(who, 'knowledge_answer');

  it('lets trainers and admins draft and publish; agents and supervisors get 403', async () => {
    for (const who of ['agent', 'supervisor']) {
      const drafted = await as(who, 'PUT', '/v1/studio/answers/drafts', {
        answerId: 'kb-returns',
        content: content('x'),
      });
      expect(drafted.status, who).toBe(403);
      expect((await publish(who, 'kb-returns', content('x'))).status, who).toBe(403);
      for (const path of [
        '/v1/studio/answers',
        '/v1/studio/answers/answer?answerId=kb-returns',
        '/v1/studio/answers/version?answerId=kb-returns&version=1',
      ]) {
        expect((await as(who, 'GET', path)).status, `${who} ${path}`).toBe(403);
      }
      const rollback = await as(who, 'POST', '/v1/studio/answers/rollback', {
        answerId: 'kb-returns',
        version: 1,
        releaseNotes: 'x',
      });
      expect(rollback.status, who).toBe(403);
    }

    const drafted = await as('trainer', 'PUT', '/v1/studio/answers/drafts', {
      answerId: 'kb-returns',
      content: content('下書き'),
    });
    expect(drafted.status, JSON.stringify(drafted.json)).toBe(200);
    const list = answerSchemas.list.parse((await as('admin', 'GET', '/v1/studio/answers')).json);
    expect(list.answers).toEqual([
      expect.objectContaining({ answerId: 'kb-returns', status: 'draft', version: null }),
    ]);
    expect(list.centers.map((c) => c.id)).toEqual([X, 'retailer-a-center-y']);
    // Drafts never reach agents.
    expect(await pulledAnswers('agent')).toEqual([]);

    const published = await publish('trainer', 'kb-returns', content('8日以内です。'), '初版');
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(answerSchemas.publishResponse.parse(published.json)).toMatchObject({
      answerId: 'kb-returns',
      version: 1,
    });
    // One knowledge_answer record per language in the change log, tags normalized.
    const records = await pulledAnswers('agent');
    expect(records.map((r) => [r.id, r.version, r.language, r.tags])).toEqual([
      ['kb-returns-ja', 1, 'ja', ['返品', 'VIP']],
      ['kb-returns-en', 1, 'en', ['returns']],
    ]);
    expect(records[0]!.body).toBe('8日以内です。\n未使用の商品に限ります。');
    expect(records[0]).not.toHaveProperty('centers');

    const detail = await detailOf('kb-returns');
    // The publish consumed the draft.
    expect(detail.draft).toBeNull();
    expect(detail.published?.version).toBe(1);
    expect(detail.versions).toEqual([
      expect.objectContaining({ version: 1, releaseNotes: '初版', publishedBy: `trainer of ${X}` }),
    ]);
  });

  it('refuses a publish that fails the lint with 422 and the reasons, and foreign centers', async () => {
    const bad = content('{{customer.name}}様', { title: { ja: '返品期限' } });
    const reply = await publish('trainer', 'kb-returns', bad);
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ error: { code: 'lint_failed' } });
    const message = (reply.json as { error: { message: string } }).error.message;
    expect(message).toContain('missing_translation (en)');
    expect(message).toContain('stray_placeholder (ja)');
    // Another answer with the same title in the same language and centers.
    const duplicate = await publish('admin', 'kb-returns-copy', content('別の回答'));
    expect(duplicate.status).toBe(422);
    expect((duplicate.json as { error: { message: string } }).error.message).toContain(
      'duplicate_title',
    );
    // An audience center of another retailer is refused, for drafts and publishes alike.
    const foreign = content('x', {
      audience: { languages: ['ja', 'en'], centers: ['retailer-b-center-x'] },
    });
    expect((await publish('trainer', 'kb-returns', foreign)).status).toBe(400);
    const draft = await as('trainer', 'PUT', '/v1/studio/answers/drafts', {
      answerId: 'kb-returns',
      content: foreign,
    });
    expect(draft.status).toBe(400);
    // Nothing of it reached agents.
    expect((await pulledAnswers('agent')).map((r) => r.version)).toEqual([1, 1]);
  });

  it('keeps published versions immutable: every publish and rollback is a new version', async () => {
    expect((await publish('admin', 'kb-returns', content('14日以内です。'), 'v2')).status).toBe(
      200,
    );
    const version = (n: number) =>
      as('trainer', 'GET', `/v1/studio/answers/version?answerId=kb-returns&version=${n}`);
    const v1 = answerSchemas.versionDetail.parse((await version(1)).json);
    expect(v1.content.body.ja).toBe('8日以内です。\n未使用の商品に限ります。');
    expect(v1.content.tags.ja).toEqual(['返品', 'VIP']);
    expect(v1.info).toMatchObject({ version: 1, releaseNotes: '初版' });

    const rolledBack = await as('trainer', 'POST', '/v1/studio/answers/rollback', {
      answerId: 'kb-returns',
      version: 1,
      releaseNotes: '第二版を取り消し',
    });
    expect(rolledBack.status, JSON.stringify(rolledBack.json)).toBe(200);
    expect(answerSchemas.publishResponse.parse(rolledBack.json).version).toBe(3);
    const detail = await detailOf('kb-returns');
    expect(detail.versions.map((v) => [v.version, v.releaseNotes, v.rollbackOf])).toEqual([
      [3, '第二版を取り消し', 1],
      [2, 'v2', null],
      [1, '初版', null],
    ]);
    expect(detail.published?.content.body.ja).toBe(v1.content.body.ja);
    // Version 2 is still there as it was published.
    const v2 = answerSchemas.versionDetail.parse((await version(2)).json);
    expect(v2.content.body.ja).toBe('14日以内です。\n未使用の商品に限ります。');
    // Agents hold the latest version of each language.
    const records = await pulledAnswers('agent');
    expect(records.map((r) => [r.id, r.version, r.body.split('\n')[0]])).toEqual([
      ['kb-returns-ja', 3, '8日以内です。'],
      ['kb-returns-en', 3, '8日以内です。'],
    ]);
    expect((await version(99)).status).toBe(404);
    const missing = await as('trainer', 'POST', '/v1/studio/answers/rollback', {
      answerId: 'kb-returns',
      version: 99,
      releaseNotes: 'x',
    });
    expect(missing.status).toBe(404);
  });

  it('never gives two publishes one version number: the loser of a race gets 409', async () => {
    const race = content('同時', { title: { ja: '同時配信', en: 'Race' } });
    const replies = await Promise.all(
      ['a', 'b', 'c', 'd'].map((n) => publish('trainer', 'kb-race', race, `race ${n}`)),
    );
    for (const r of replies) expect([200, 409], JSON.stringify(r.json)).toContain(r.status);
    const won = replies
      .filter((r) => r.status === 200)
      .map((r) => answerSchemas.publishResponse.parse(r.json).version)
      .sort((a, b) => a - b);
    expect(won.length).toBeGreaterThan(0);
    expect(won).toEqual(won.map((_, i) => i + 1));
    for (const r of replies.filter((r) => r.status === 409)) {
      expect(r.json).toMatchObject({ error: { code: 'conflict' } });
    }
    expect((await detailOf('kb-race')).versions.map((v) => v.version)).toEqual([...won].reverse());
    // The clash itself, made by hand: a version number already taken is a 409, not a 500.
    const taken = () =>
      studio.server.store.db
        .insertInto('answer_publications')
        .values({
          tenant_id: 'retailer-a',
          answer_id: 'kb-race',
          version: 1,
          centers: '[]',
          release_notes: 'again',
          published_by: 'x',
          published_by_name: 'x',
          published_at: new Date().toISOString(),
          rollback_of: null,
        })
        .execute();
    await expect(publishOnce('answer', taken)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
    });
  });

  it('writes the change log, tells connected desktops, and takes a dropped language back', async () => {
    const controller = new AbortController();
    const response = await fetch(`${studio.server.url}/v1/events`, {
      headers: { authorization: `Bearer ${studio.tokens.agent}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    await readUntil(': connected');
    // What a desktop that is up to date holds: it pulls from here.
    const before = pullPage.parse((await as('agent', 'GET', '/v1/sync/pull?since=0')).json).cursor;
    const reply = await publish(
      'trainer',
      'kb-returns',
      content('日本語だけ', { audience: { languages: ['ja'], centers: [X] } }),
      '日本語のみ・Xセンター',
    );
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const { cursor, version } = answerSchemas.publishResponse.parse(reply.json);
    await readUntil(`"cursor":"${cursor}"`);
    controller.abort();

    const page = pullPage.parse((await as('agent', 'GET', `/v1/sync/pull?since=${before}`)).json);
    const ja = page.records.find(
      (r) => r.type === 'knowledge_answer' && r.data.id === 'kb-returns-ja',
    );
    expect(ja?.data).toMatchObject({ version, centers: [X] });
    expect(page.deletions).toContainEqual({ type: 'knowledge_answer', id: 'kb-returns-en' });
    // The history keeps what the English version said.
    const detail = await detailOf('kb-returns');
    expect(detail.published?.content.audience).toEqual({ languages: ['ja'], centers: [X] });
  });

  it('keeps retailers apart', async () => {
    const bList = answerSchemas.list.parse(
      (await as('bTrainer', 'GET', '/v1/studio/answers')).json,
    );
    expect(bList.answers).toEqual([]);
    expect(bList.centers.every((c) => c.id.startsWith('retailer-b'))).toBe(true);
    expect(
      (await as('bTrainer', 'GET', '/v1/studio/answers/answer?answerId=kb-returns')).status,
    ).toBe(404);
    expect(
      (await as('bTrainer', 'GET', '/v1/studio/answers/version?answerId=kb-returns&version=1'))
        .status,
    ).toBe(404);
    const rollback = await as('bTrainer', 'POST', '/v1/studio/answers/rollback', {
      answerId: 'kb-returns',
      version: 1,
      releaseNotes: 'x',
    });
    expect(rollback.status).toBe(404);
    // B's own answer of the same id and title starts at version 1 and stays in B.
    const bPublished = await publish('bTrainer', 'kb-returns', content('B社の回答'));
    expect(bPublished.status, JSON.stringify(bPublished.json)).toBe(200);
    expect(answerSchemas.publishResponse.parse(bPublished.json).version).toBe(1);
    expect((await pulledAnswers('agent')).some((r) => r.body.startsWith('B社'))).toBe(false);
    expect((await pulledAnswers('bAgent')).map((r) => r.id)).toEqual([
      'kb-returns-ja',
      'kb-returns-en',
    ]);
  });

  it('opens answers a retailer pushed in per language, and versions on from them', async () => {
    const pushedAt = new Date().toISOString();
    const pushed = (language: 'ja' | 'en', title: string): KnowledgeAnswer => ({
      id: `kb-gift-${language}`,
      version: 4,
      language,
      title,
      body: language === 'ja' ? 'のしは無料です。' : 'Noshi paper is free.',
      tags: [],
      publishedAt: pushedAt,
    });
    const batch = await as('admin', 'POST', '/v1/data/batch', {
      records: [
        { type: 'knowledge_answer', data: pushed('ja', 'ギフト包装') },
        { type: 'knowledge_answer', data: pushed('en', 'Gift wrapping') },
      ],
    });
    expect(batch.status, JSON.stringify(batch.json)).toBe(200);
    const detail = await detailOf('kb-gift');
    expect(detail.published?.version).toBe(4);
    expect(detail.versions).toEqual([expect.objectContaining({ version: 4, publishedBy: null })]);
    const next = await publish('trainer', 'kb-gift', {
      ...detail.published!.content,
      body: { ja: 'のしは無料、包装は220円です。', en: 'Noshi is free; wrapping is ¥220.' },
    });
    expect(answerSchemas.publishResponse.parse(next.json).version).toBe(5);
  });
});
