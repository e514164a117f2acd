import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcResult, SignedInAgent, TodayCall, WrapUpInput } from '../../../src/shared/ipc';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { EDIT_WINDOW_MS } from '../../../src/main/core/wrap-up/wrap-up-service';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { encodeRefusal } from '../../../src/main/core/sync/outbox-refusal';
import { customerRecord } from '../../fixtures/retailer-records';

const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');

/**
 * A wrap-up the retailer refused, on a real cache file: today's list says so, with the reason;
 * the agent's correction replaces the refused payload in the outbox (same id, next revision)
 * — even past the edit window, since the refusal may come long after the save.
 */
describe('correcting a refused wrap-up', () => {
  it('lists it as refused, re-queues the correction under the same id, past the window', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'koe-refused-')), 'koe.sqlite');
    const database = await openDatabase({ filename: file });
    createRecordWriter(database.sqlite).apply([
      ...referenceRecords(START),
      customerRecord({ id: 'cus-1' }),
    ]);
    const clock = { now: START };
    const desk = createCallDesk({ now: () => clock.now });
    const router = createIpcRouter(
      createServices({
        db: database.db,
        sqlite: database.sqlite,
        events: createEventBus(),
        preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
        appVersion: 'test',
        retailer: null,
        connectRetailer: async () => ({ retailerUrl: 'unused' }),
        desk,
        agent: () => AGENT,
        now: () => clock.now,
      }),
    );
    const call = async <T>(channel: string, input: unknown) =>
      (await router.handle(channel, input)) as IpcResult<T>;
    const outbox = () =>
      database.sqlite
        .prepare(`select entity_id, payload, state from outbox where kind = 'voc_record'`)
        .all() as { entity_id: string; payload: string; state: string }[];
    const todayLine = async () => {
      const state = await call<{ today: TodayCall[] }>('calls:state', {});
      if (!state.ok) throw new Error(state.error.message);
      return state.value.today.find((c) => c.callId === 'cti-1')?.wrapUp;
    };
    const input = (overrides: Partial<WrapUpInput> = {}): WrapUpInput => ({
      callId: 'cti-1',
      customerId: 'cus-1',
      orderId: null,
      reasonCodes: ['delivery.late'],
      predictedReason: 'delivery.late',
      sentiment: 'negative',
      resolution: 'resolved',
      avoidable: true,
      customerWords: 'まだ届かない',
      scriptId: null,
      scriptVersion: null,
      harassment: null,
      ...overrides,
    });

    desk.apply({ type: 'ringing', callId: 'cti-1', ani: '090-1234-5678' });
    desk.apply({ type: 'answered', callId: 'cti-1' });
    clock.now += 60_000;
    desk.apply({ type: 'ended', callId: 'cti-1' });
    const first = await call<{ record: VocRecord }>('wrapUp:save', input());
    if (!first.ok) throw new Error(first.error.message);
    expect((await todayLine())?.delivery).toEqual({ state: 'pending', reason: null, detail: null });

    // The retailer refuses it (as push-outbox.ts records a conflict), long after the save.
    database.sqlite
      .prepare(`update outbox set state = 'quarantined', last_error = ?`)
      .run(encodeRefusal('conflict', 'ids must not be reused'));
    clock.now = Date.parse(first.value.record.savedAt) + EDIT_WINDOW_MS + 60_000;
    expect((await todayLine())?.delivery).toEqual({
      state: 'refused',
      reason: 'conflict',
      detail: 'ids must not be reused',
    });

    // A callback promised for tomorrow (a callback names its time).
    const callbackAt = new Date(clock.now + 86_400_000).toISOString();
    const corrected = await call<{ record: VocRecord }>(
      'wrapUp:save',
      input({ resolution: 'callback', callbackAt }),
    );
    if (!corrected.ok) throw new Error(corrected.error.message);
    expect(corrected.value.record).toMatchObject({ id: first.value.record.id, revision: 2 });
    // One row, pending again, carrying the correction: the refused payload is gone.
    expect(outbox()).toEqual([
      { entity_id: first.value.record.id, state: 'pending', payload: expect.any(String) },
    ]);
    expect(JSON.parse(outbox()[0]!.payload)).toMatchObject({ revision: 2, resolution: 'callback' });
    expect((await todayLine())?.delivery.state).toBe('pending');

    // Once the retailer has it, the window applies again as for any record.
    database.sqlite.prepare('delete from outbox').run();
    expect((await todayLine())?.delivery.state).toBe('delivered');
    const late = await call('wrapUp:save', input({ resolution: 'escalated' }));
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await database.close();
  });
});
