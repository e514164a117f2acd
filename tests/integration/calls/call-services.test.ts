import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcEvents, IpcResult, SignedInAgent, WrapUpInput } from '../../../src/shared/ipc';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { EDIT_WINDOW_MS } from '../../../src/main/core/wrap-up/wrap-up-service';
import { readAudit } from '../../../src/main/core/access-audit/audit.repository';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { customerRecord, orderRecord, shipmentRecord } from '../../fixtures/retailer-records';
import { openDatabase } from '../../../src/main/core/platform/connection';

const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');

/** A real cache file with the demo retailer's taxonomy, scripts, policies and answers. */
async function world(
  options: { file?: string; agent?: SignedInAgent | null; records?: RetailerRecord[] } = {},
) {
  const file = options.file ?? join(mkdtempSync(join(tmpdir(), 'koe-calls-')), 'koe.sqlite');
  const database = await openDatabase({ filename: file });
  createRecordWriter(database.sqlite).apply([
    ...referenceRecords(START),
    customerRecord({ id: 'cus-1', familyName: '佐藤', givenName: '花子' }),
    ...(options.records ?? []),
  ]);
  const clock = { now: START };
  const now = () => clock.now;
  const events = createEventBus();
  const seen: IpcEvents['calls:supervisorAlert'][] = [];
  events.subscribe((event, payload) => {
    if (event === 'calls:supervisorAlert') seen.push(payload as IpcEvents['calls:supervisorAlert']);
  });
  const desk = createCallDesk({ now });
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events,
      preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
      appVersion: 'test',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      desk,
      agent: () => (options.agent === undefined ? AGENT : options.agent),
      now,
    }),
  );
  const call = async <T>(channel: string, input: unknown): Promise<IpcResult<T>> =>
    (await router.handle(channel, input)) as IpcResult<T>;
  const value = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await call<T>(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const outbox = () =>
    database.sqlite
      .prepare(`select entity_id, payload, state from outbox where kind = 'voc_record'`)
      .all() as { entity_id: string; payload: string; state: string }[];
  return { database, file, clock, desk, call, value, outbox, seen };
}

function wrapUp(callId: string, overrides: Partial<WrapUpInput> = {}): WrapUpInput {
  return {
    callId,
    customerId: 'cus-1',
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'resolved',
    avoidable: true,
    customerWords: 'まだ届かない。カード 4111 1111 1111 1111、セキュリティコード 123 です',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
    ...overrides,
  };
}

/** A CTI call rung, answered and ended 3 minutes later; the wrap-up starts then. */
function endedCall(w: Awaited<ReturnType<typeof world>>, callId = 'cti-1') {
  expect(w.desk.apply({ type: 'ringing', callId, ani: '090-1234-5678' }).ok).toBe(true);
  w.clock.now += 5_000;
  expect(w.desk.apply({ type: 'answered', callId }).ok).toBe(true);
  w.clock.now += 180_000;
  expect(w.desk.apply({ type: 'ended', callId }).ok).toBe(true);
  w.clock.now += 42_000;
}

describe('the call services', () => {
  it('keeps on the record what the model saw when the call rang, not what the call changed', async () => {
    // A parcel promised 11-18 still on the road (5 days late at the call), and a not-received
    // claim opened during the call (a minute after it was answered).
    const claim: RetailerRecord = {
      type: 'claim',
      data: {
        id: 'clm-1',
        orderId: 'ord-1',
        shipmentId: 'shp-1',
        customerId: 'cus-1',
        type: 'not_received',
        status: 'open',
        outcome: null,
        amount: 4_980,
        currency: 'JPY',
        openedAt: new Date(START + 65_000).toISOString(),
        resolvedAt: null,
        updatedAt: new Date(START + 65_000).toISOString(),
      },
    };
    const w = await world({
      records: [
        orderRecord({ id: 'ord-1', customerId: 'cus-1' }),
        shipmentRecord({ id: 'shp-1', orderId: 'ord-1' }),
        claim,
      ],
    });
    endedCall(w);
    const first = await w.value<{ record: VocRecord }>('wrapUp:save', wrapUp('cti-1'));
    expect(first.record.featureSnapshot).toEqual({
      version: 1,
      // The fixture customer is gold; the claim opened during the call is not there.
      facts: { days_late: 5, tier_gold: 1 },
      previousReason: null,
    });
    // It travels to the retailer with the record, and a correction keeps the first one.
    expect(JSON.parse(w.outbox()[0]!.payload).featureSnapshot).toEqual(
      first.record.featureSnapshot,
    );
    w.clock.now += 60_000;
    const edit = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', { reasonCodes: ['delivery.not_received'] }),
    );
    expect(edit.record.featureSnapshot).toEqual(first.record.featureSnapshot);
    expect(await w.value<VocRecord | null>('wrapUp:get', { callId: 'cti-1' })).toMatchObject({
      featureSnapshot: first.record.featureSnapshot,
    });
  });

  it('saves a wrap-up with card data redacted, queues it once, and lists it in today', async () => {
    const w = await world();
    endedCall(w);
    const saved = await w.value<{
      record: VocRecord;
      redacted: { cardNumbers: number; securityCodes: number };
    }>('wrapUp:save', wrapUp('cti-1'));
    expect(saved.redacted).toEqual({ cardNumbers: 1, securityCodes: 1 });
    expect(saved.record.customerWords).not.toMatch(/4111|123/);
    expect(saved.record).toMatchObject({
      agentId: AGENT.id,
      centerId: AGENT.centerId,
      afterCallWorkSeconds: 42,
      startedAt: new Date(START + 5_000).toISOString(),
      endedAt: new Date(START + 185_000).toISOString(),
    });
    // Nothing of the card reached the disk: not the record, not the outbox.
    const raw = w.database.sqlite.prepare('select customer_words from voc_records').all();
    expect(JSON.stringify(raw)).not.toContain('4111');
    expect(w.outbox()).toHaveLength(1);
    expect(w.outbox()[0]?.payload).not.toContain('4111');

    const state = await w.value<{
      current: unknown;
      today: {
        callId: string;
        state: string;
        customerName: string | null;
        wrapUp: { primaryReason: string; editableUntil: string } | null;
      }[];
    }>('calls:state', {});
    expect(state.current).toBeNull();
    expect(state.today).toHaveLength(1);
    expect(state.today[0]).toMatchObject({
      callId: 'cti-1',
      state: 'done',
      customerName: '佐藤 花子',
      wrapUp: {
        primaryReason: 'delivery.late',
        editableUntil: new Date(Date.parse(saved.record.savedAt) + EDIT_WINDOW_MS).toISOString(),
      },
    });
  });

  it('redacts the harassment note of a wrap-up too, whatever the separators', async () => {
    const w = await world();
    endedCall(w);
    const saved = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', {
        customerWords: '届かない',
        harassment: {
          flaggedAt: new Date(START).toISOString(),
          warningsGiven: 2,
          callTerminated: true,
          note: '暴言。カード 4111／1111／1111／1111、セキュリティーコード：１２３ と言われた',
        },
      }),
    );
    expect(saved.record.harassment?.note).toBe(
      '暴言。カード [REDACTED_CARD]、セキュリティーコード：[REDACTED_CVV] と言われた',
    );
    const raw = w.database.sqlite.prepare('select * from voc_records').all();
    expect(JSON.stringify(raw)).not.toMatch(/1111|１２３/);
    expect(w.outbox()[0]?.payload).not.toMatch(/1111|１２３/);
  });

  it('refuses what the taxonomy does not allow and keeps nothing of it', async () => {
    const w = await world();
    endedCall(w);
    for (const reasonCodes of [
      ['delivery'],
      ['no.such_reason'],
      ['delivery.late', 'delivery.late'],
    ]) {
      const result = await w.call('wrapUp:save', wrapUp('cti-1', { reasonCodes }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(w.outbox()).toHaveLength(0);
    expect(w.desk.get('cti-1')?.state).toBe('wrap_up');
  });

  it('refuses a wrap-up before the call ended, for an unknown call, and when no one is signed in', async () => {
    const w = await world();
    w.desk.apply({ type: 'ringing', callId: 'cti-2', ani: '0312345678' });
    w.desk.apply({ type: 'answered', callId: 'cti-2' });
    const early = await w.call('wrapUp:save', wrapUp('cti-2'));
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknown = await w.call('wrapUp:save', wrapUp('never-rang'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const anonymous = await world({ agent: null });
    endedCall(anonymous);
    expect(await anonymous.call('wrapUp:save', wrapUp('cti-1'))).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(w.outbox()).toHaveLength(0);
  });

  it('corrects a wrap-up within the edit window (one record, one pending row), then refuses', async () => {
    const w = await world();
    endedCall(w);
    const first = await w.value<{ record: VocRecord }>('wrapUp:save', wrapUp('cti-1'));
    w.clock.now += 60_000;
    const edit = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', {
        reasonCodes: ['returns.refund'],
        resolution: 'callback',
        callbackAt: new Date(w.clock.now + 86_400_000).toISOString(),
      }),
    );
    expect(edit.record.id).toBe(first.record.id);
    // The server keeps the highest revision: the correction replaces what it already received.
    expect([first.record.revision, edit.record.revision]).toEqual([1, 2]);
    expect(edit.record.savedAt).toBe(first.record.savedAt);
    expect(edit.record.afterCallWorkSeconds).toBe(first.record.afterCallWorkSeconds);
    expect(w.outbox()).toHaveLength(1);
    expect(JSON.parse(w.outbox()[0]?.payload ?? '{}')).toMatchObject({
      reasonCodes: ['returns.refund'],
    });
    expect(await w.value<VocRecord>('wrapUp:get', { callId: 'cti-1' })).toMatchObject({
      reasonCodes: ['returns.refund'],
      resolution: 'callback',
    });

    w.clock.now = Date.parse(first.record.savedAt) + EDIT_WINDOW_MS + 1;
    expect(await w.call('wrapUp:save', wrapUp('cti-1'))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('records a callback’s promised time (later than now, within 30 days) and the actions done', async () => {
    const w = await world();
    endedCall(w);
    const DAY = 86_400_000;
    const refused = async (input: WrapUpInput, message: RegExp) => {
      const result = await w.call('wrapUp:save', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    };
    await refused(wrapUp('cti-1', { resolution: 'callback' }), /date and time of the callback/);
    await refused(
      wrapUp('cti-1', {
        resolution: 'callback',
        callbackAt: new Date(w.clock.now - 60_000).toISOString(),
      }),
      /later than now/,
    );
    await refused(
      wrapUp('cti-1', {
        resolution: 'callback',
        callbackAt: new Date(w.clock.now + 31 * DAY).toISOString(),
      }),
      /within 30 days/,
    );
    expect(w.outbox()).toHaveLength(0);

    // Sent with an offset, kept as the instant it names: ten minutes from now.
    const promised = w.clock.now + 10 * 60_000;
    const utc = new Date(promised).toISOString();
    const tokyo = `${new Date(promised + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
    const saved = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', {
        resolution: 'callback',
        callbackAt: tokyo,
        nextBestActions: ['delay_coupon', 'reship'],
        nextBestActionsDone: ['delay_coupon'],
      }),
    );
    expect(saved.record).toMatchObject({ callbackAt: utc, nextBestActionsDone: ['delay_coupon'] });
    expect(await w.value<VocRecord>('wrapUp:get', { callId: 'cti-1' })).toMatchObject({
      callbackAt: utc,
      nextBestActionsDone: ['delay_coupon'],
    });
    expect(JSON.parse(w.outbox()[0]?.payload ?? '{}')).toMatchObject({
      callbackAt: utc,
      nextBestActionsDone: ['delay_coupon'],
    });

    // Corrected once the promised time has passed (still within the edit window): the callback
    // the first save promised is kept; another time in the past is refused.
    w.clock.now = promised + 60_000;
    const kept = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', { resolution: 'callback', callbackAt: utc, customerWords: '訂正' }),
    );
    expect(kept.record).toMatchObject({ callbackAt: utc, revision: 2 });
    await refused(
      wrapUp('cti-1', { resolution: 'callback', callbackAt: new Date(promised + 1).toISOString() }),
      /later than now/,
    );
    // A resolution that is no longer a callback drops the time.
    const resolved = await w.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', { resolution: 'resolved', callbackAt: utc }),
    );
    expect(resolved.record).not.toHaveProperty('callbackAt');
  });

  it('lets a wrap-up be corrected after a restart, and lists it in today from the cache', async () => {
    const before = await world();
    endedCall(before);
    await before.value('wrapUp:save', wrapUp('cti-1'));
    await before.database.close();

    const after = await world({ file: before.file });
    after.clock.now = before.clock.now + 60_000;
    const state = await after.value<{ today: { callId: string; wrapUp: unknown }[] }>(
      'calls:state',
      {},
    );
    expect(state.today.map((c) => c.callId)).toEqual(['cti-1']);
    const edit = await after.value<{ record: VocRecord }>(
      'wrapUp:save',
      wrapUp('cti-1', { sentiment: 'neutral' }),
    );
    expect(edit.record.sentiment).toBe('neutral');
    expect(edit.record.afterCallWorkSeconds).toBe(42);
  });

  it('starts and ends a typed-in call, and refuses a second one while on the line', async () => {
    const w = await world();
    const call = await w.value<{ callId: string; state: string; e164: string }>('calls:start', {
      phone: '０９０－１２３４－５６７８',
    });
    expect(call).toMatchObject({ state: 'in_call', e164: '+819012345678' });
    expect(await w.call('calls:start', { phone: '03-1234-5678' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await w.value('calls:end', { callId: call.callId })).toMatchObject({ state: 'wrap_up' });
    expect(await w.call('calls:end', { callId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('logs personal-data reveals and supervisor alerts, and tells the UI about the alert', async () => {
    const w = await world();
    endedCall(w);
    await w.value('customers:revealPii', { customerId: 'cus-1', field: 'email', callId: 'cti-1' });
    await w.value('calls:alertSupervisor', {
      callId: 'cti-1',
      customerId: 'cus-1',
      stage: 'terminate',
    });
    const audit = await readAudit(w.database.db);
    expect(audit.map((a) => [a.kind, a.agentId, a.customerId, a.detail])).toEqual([
      ['supervisor_alerted', AGENT.id, 'cus-1', { reason: 'harassment', stage: 'terminate' }],
      ['pii_revealed', AGENT.id, 'cus-1', { field: 'email' }],
    ]);
    expect(w.seen).toEqual([
      {
        callId: 'cti-1',
        customerId: 'cus-1',
        stage: 'terminate',
        at: new Date(w.clock.now).toISOString(),
      },
    ]);
    expect(
      await w.call('calls:alertSupervisor', { callId: 'x', customerId: null, stage: 'warn' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('serves the guidance reference and finds approved answers in the agent language', async () => {
    const w = await world();
    const reference = await w.value<{
      taxonomy: { code: string }[];
      scripts: { scriptId: string; language: string }[];
      policies: { kind: string }[];
    }>('guidance:reference', {});
    expect(reference.taxonomy.map((n) => n.code)).toContain('delivery.late');
    expect(new Set(reference.scripts.map((s) => s.language))).toEqual(new Set(['ja', 'en']));
    expect(reference.policies.map((p) => p.kind)).toContain('harassment_protocol');

    const ja = await w.value<{ title: string; language: string }[]>('knowledge:search', {
      query: '返品',
      language: 'ja',
    });
    expect(ja.length).toBeGreaterThan(0);
    expect(ja[0]?.title).toContain('返品');
    expect(ja.every((a) => a.language === 'ja')).toBe(true);
    const en = await w.value<{ title: string }[]>('knowledge:search', {
      query: 'RETURN',
      language: 'en',
    });
    expect(en.length).toBeGreaterThan(0);
    expect(await w.value('knowledge:search', { query: '100%_返品', language: 'ja' })).toEqual([]);
  });
});
