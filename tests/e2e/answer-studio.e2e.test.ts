import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { eventually, koeResult } from './koe-bridge';
import { shot, trainerAndAgentDesks } from './studio-fixture';

const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
const ANSWER_ID = 'kb-furoshiki';
const TITLE_JA = '風呂敷ラッピングのご案内';
const BODY_JA = '風呂敷ラッピングは1点につき330円です。\n柄は3種類からお選びいただけます。';

describe('approved-answer studio: a trainer publishes an answer, an agent finds it in a call', () => {
  const desks = trainerAndAgentDesks();

  it('writes, lints, previews and publishes; the agent finds it with the answer search shortcut', async () => {
    const { page: agent, errors: agentErrors } = await desks.agent.openPage();
    const { page: trainer, errors: trainerErrors } = await desks.trainer.openPage();

    // The agent's core refuses the answer studio.
    const refused = await koeResult(agent, 'answers:list', {});
    expect(refused.ok === false && refused.error.code).toBe('forbidden');

    // The trainer opens the studio's answers tab: the demo's answers are there, per group.
    await trainer.getByTestId('studio-button').click();
    await trainer.getByTestId('studio-tab-answers').click();
    await trainer.getByTestId('studio-answer-kb-return-deadline').waitFor();

    // A new answer, both languages.
    await trainer.getByTestId('new-answer').click();
    await trainer.getByTestId('new-answer-id').fill(ANSWER_ID);
    await trainer.getByTestId('create-answer').click();
    await trainer.getByTestId('answer-editor').waitFor();
    await trainer.getByTestId('lint-issues').waitFor();

    await trainer.getByTestId('answer-title-ja').fill(TITLE_JA);
    // A placeholder copied from a script would be read out as braces: the lint blocks it.
    await trainer.getByTestId('answer-body-ja').fill(`{{customer.name}}様、${BODY_JA}`);
    await trainer.getByTestId('answer-tags-ja').fill('ギフト、ラッピング, ｷﾞﾌﾄ ,風呂敷');
    await trainer.getByTestId('answer-title-en').fill('Furoshiki wrapping');
    await trainer
      .getByTestId('answer-body-en')
      .fill('Furoshiki wrapping is ¥330 per item.\nChoose from three patterns.');
    await trainer.getByTestId('answer-tags-en').fill('gift, wrapping');
    await trainer.getByTestId('answer-title-ja').click();
    const issues = (await trainer.getByTestId('lint-issues').textContent()) ?? '';
    expect(issues).toContain('{{customer');
    expect(await trainer.getByTestId('open-answer-publish').isDisabled()).toBe(true);
    await trainer.getByTestId('studio-tab-answers').scrollIntoViewIfNeeded();
    await shot(trainer, 'answer-studio-lint-ja');

    await trainer.getByTestId('answer-body-ja').fill(BODY_JA);
    await trainer.getByTestId('lint-clean').waitFor();
    // Tags were normalized when the field was left: half-width kana folded, duplicates dropped.
    expect(await trainer.getByTestId('answer-tags-ja').inputValue()).toBe(
      'ギフト, ラッピング, 風呂敷',
    );
    await trainer.getByTestId('studio-tab-answers').scrollIntoViewIfNeeded();
    await shot(trainer, 'answer-studio-editor-ja');

    // The preview is the agent's card: the body as written, line breaks kept, no HTML.
    await trainer.getByTestId('answer-tab-preview').click();
    const previewJa = trainer.getByTestId('answer-preview-ja');
    await previewJa.getByTestId('knowledge-answer').waitFor();
    expect(await previewJa.getByTestId('knowledge-answer').innerText()).toContain(
      '330円です。\n柄は3種類',
    );
    await shot(trainer, 'answer-studio-preview-ja');

    // Publish with release notes.
    await trainer.getByTestId('open-answer-publish').click();
    await trainer.getByTestId('release-notes').fill('風呂敷ラッピングの回答を追加しました。');
    const publishedAt = Date.now();
    await trainer.getByTestId('confirm-publish').click();
    await trainer.getByTestId('answer-tab-history').click();
    await trainer.getByTestId('version-1').waitFor();
    expect(await trainer.getByTestId('version-1').textContent()).toContain(
      '風呂敷ラッピングの回答を追加しました。',
    );

    // The answer reaches the agent's cache by itself (live event, then a pull).
    await eventually('the answer in the agent cache', async () => {
      const found = await desks.agent.core.router.handle('knowledge:search', {
        query: '風呂敷',
        language: 'ja',
      });
      return found.ok && (found.value as { id: string }[]).some((a) => a.id === `${ANSWER_ID}-ja`)
        ? true
        : null;
    });
    // Measured, not asserted (timing goals live in bench/).
    console.log(
      `[answer studio e2e] publish click → agent's cache has it: ${Date.now() - publishedAt} ms`,
    );
    const callId = await desks.agent.ring(HANAKO.phone);
    await agent.getByTestId('call-workspace').waitFor();
    await desks.agent.answer(callId);
    await agent.locator('[data-testid="script-step"]').first().waitFor();
    await agent.keyboard.press('Control+J');
    const query = agent.getByTestId('knowledge-query');
    await query.waitFor();
    await query.fill('風呂敷');
    const card = agent.getByTestId('knowledge-answer').filter({ hasText: TITLE_JA });
    await card.waitFor();
    expect(await card.innerText()).toContain('330円です。\n柄は3種類');
    expect(await card.textContent()).toContain('ラッピング');
    await shot(agent, 'answer-studio-agent-search-ja');
    await agent.keyboard.press('Escape');

    // Version 2 with a change; the history diffs v1 against the edit, line by line.
    await trainer.getByTestId('answer-tab-history').click();
    await trainer.getByRole('tab').filter({ hasText: '編集' }).click();
    await trainer.getByTestId('answer-body-ja').fill(BODY_JA.replace('330円', '440円'));
    await trainer.getByTestId('answer-tab-history').click();
    await trainer.getByTestId('compare-1').click();
    await trainer.getByTestId('diff').waitFor();
    expect(await trainer.locator('[data-diff-op="added"]').first().textContent()).toContain(
      '440円',
    );
    expect(await trainer.locator('[data-diff-op="removed"]').first().textContent()).toContain(
      '330円',
    );
    await shot(trainer, 'answer-studio-history-ja');

    // The same studio in English.
    const switched = await koeResult(trainer, 'app:setLocale', { locale: 'en' });
    expect(switched.ok).toBe(true);
    await trainer.getByText('Approved answers').first().waitFor();
    await trainer.getByRole('tab').filter({ hasText: 'Edit' }).click();
    await trainer.getByTestId('answer-fields-en').waitFor();
    await shot(trainer, 'answer-studio-editor-en');
    await trainer.getByTestId('answer-tab-preview').click();
    await trainer.getByTestId('answer-preview-en').getByTestId('knowledge-answer').waitFor();
    await shot(trainer, 'answer-studio-preview-en');
    await koeResult(trainer, 'app:setLocale', { locale: 'ja' });

    expect(agentErrors).toEqual([]);
    expect(trainerErrors).toEqual([]);
  });
});
