import { afterEach, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import type { LocalDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { watchScriptUpdates } from '../../../src/main/core/studio/script-update-notices';
import { demoScriptVersions } from '../../../src/shared/demo/scripts';
import type { ScriptVersion } from '../../../src/shared/domain/guidance';
import { selectScript } from '../../../src/shared/guidance';
import type { IpcEvents } from '../../../src/shared/ipc';
import { openTestDatabase } from '../../fixtures/test-database';

const demo = demoScriptVersions(Date.parse('2026-10-24T00:00:00Z'));
const wismoJa = demo.find((s) => s.scriptId === 'script-wismo-late-ja')!;
const v2: ScriptVersion = {
  ...wismoJa,
  version: 2,
  releaseNotes: '挨拶を変更',
  publishedAt: '2026-11-23T04:00:00.000Z',
};

describe('script delivery on the desktop', () => {
  let database: LocalDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('announces versions that arrive after start, once, with their notes', async () => {
    database = await openTestDatabase();
    const writer = createRecordWriter(database.sqlite);
    writer.apply(demo.map((data) => ({ type: 'script_version' as const, data })));
    const events = createEventBus();
    const heard: IpcEvents['scripts:updated'][] = [];
    events.subscribe((name, payload) => {
      if (name === 'scripts:updated') heard.push(payload as IpcEvents['scripts:updated']);
    });
    const notices = watchScriptUpdates(database.db, events);
    await notices.check();
    // What the cache held at start is not news.
    expect(heard).toEqual([]);
    writer.apply([{ type: 'script_version', data: v2 }]);
    await notices.check();
    await notices.check();
    expect(heard).toEqual([
      {
        updates: [
          {
            scriptId: 'script-wismo-late-ja',
            version: 2,
            language: 'ja',
            title: wismoJa.title,
            releaseNotes: '挨拶を変更',
            publishedAt: v2.publishedAt,
          },
        ],
      },
    ]);
  });

  it('says nothing about the first bootstrap of an empty cache', async () => {
    database = await openTestDatabase();
    const events = createEventBus();
    const heard: unknown[] = [];
    events.subscribe((name) => {
      if (name === 'scripts:updated') heard.push(name);
    });
    const notices = watchScriptUpdates(database.db, events);
    await notices.check();
    createRecordWriter(database.sqlite).apply(
      demo.map((data) => ({ type: 'script_version' as const, data })),
    );
    await notices.check();
    expect(heard).toEqual([]);
  });

  it('shows a script published to some centers only to their agents', () => {
    const tokyoOnly: ScriptVersion = {
      ...wismoJa,
      scriptId: 'tokyo-late-ja',
      triggers: { reasons: ['delivery.late'], tiers: ['gold'], centers: ['center-tokyo'] },
    };
    const options = {
      likelyReason: 'delivery.late',
      tier: 'gold' as const,
      language: 'ja' as const,
    };
    const pick = (centerId: string | null) =>
      selectScript([...demo, tokyoOnly], { ...options, centerId })?.script.scriptId;
    expect(pick('center-tokyo')).toBe('tokyo-late-ja');
    expect(pick('center-osaka')).toBe('script-wismo-late-ja');
    expect(pick(null)).toBe('script-wismo-late-ja');
  });
});
