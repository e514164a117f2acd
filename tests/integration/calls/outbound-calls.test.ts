import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallSession } from '../../../src/shared/calls/call-session';
import type { CustomerCard } from '../../../src/shared/domain';
import type { IpcResult, OutreachList, SignedInAgent, WrapUpSaved } from '../../../src/shared/ipc';
import { DEMO_FEATURED_CUSTOMERS } from '../../../src/shared/demo/featured-customers';
import { featuredCustomerRecords } from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW, referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';
import { outreachNoticeId } from '../../../src/shared/outreach/outreach-notice';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';

const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const NOW = DEFAULT_DEMO_NOW.getTime();
const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;
const ITO = DEMO_FEATURED_CUSTOMERS.highRiskClaim;

/** A real cache file with the demo reference data and the featured customers. */
async function world() {
  const file = join(mkdtempSync(join(tmpdir(), 'koe-outbound-')), 'koe.sqlite');
  const database = await openDatabase({ filename: file });
  createRecordWriter(database.sqlite).apply([
    ...referenceRecords(NOW),
    ...featuredCustomerRecords(NOW, newSequences()),
  ]);
  const clock = { now: NOW };
  const now = () => clock.now;
  const desk = createCallDesk({ now });
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
      now,
    }),
  );
  const call = async <T>(channel: string, input: unknown) =>
    (await router.handle(channel, input)) as IpcResult<T>;
  const value = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await call<T>(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { clock, call, value, sqlite: database.sqlite };
}

const wrapUp = (callId: string, customerId: string, extra: object = {}) => ({
  callId,
  customerId,
  orderId: null,
  reasonCodes: ['outreach.delay'],
  predictedReason: 'outreach.delay',
  sentiment: 'neutral',
  resolution: 'resolved',
  avoidable: false,
  customerWords: '',
  scriptId: null,
  scriptVersion: null,
  harassment: null,
  ...extra,
});

describe('outbound proactive calls through the IPC router', () => {
  it('validates calls:start: an outbound call names its reason and customer, others do not', async () => {
    const { call } = await world();
    for (const input of [
      { phone: TAKAHASHI.phone, direction: 'outbound' },
      { phone: TAKAHASHI.phone, direction: 'outbound', customerId: TAKAHASHI.customerId },
      { phone: TAKAHASHI.phone, customerId: TAKAHASHI.customerId },
      { phone: TAKAHASHI.phone, reason: 'proactive' },
    ]) {
      const result = await call('calls:start', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
  });

  it('starts an outbound call, requires its outcome, records it and leaves a notice', async () => {
    const { clock, call, value, sqlite } = await world();
    const list = await value<OutreachList>('outreach:list', {});
    expect(list.entries.map((e) => e.customerId)).toEqual([TAKAHASHI.customerId]);

    const started = await value<CallSession>('calls:start', {
      phone: TAKAHASHI.phone,
      direction: 'outbound',
      reason: 'proactive',
      customerId: TAKAHASHI.customerId,
      orderId: TAKAHASHI.orderId,
    });
    expect(started).toMatchObject({
      state: 'in_call',
      origin: 'manual',
      direction: 'outbound',
      outreach: {
        reason: 'proactive',
        customerId: TAKAHASHI.customerId,
        orderId: TAKAHASHI.orderId,
      },
    });
    clock.now += 90_000;
    await value('calls:end', { callId: started.callId });
    clock.now += 20_000;

    const missing = await call('wrapUp:save', wrapUp(started.callId, TAKAHASHI.customerId));
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const saved = await value<WrapUpSaved>(
      'wrapUp:save',
      wrapUp(started.callId, TAKAHASHI.customerId, {
        orderId: TAKAHASHI.orderId,
        outreachOutcome: 'voicemail',
      }),
    );
    expect(saved.record).toMatchObject({ contactType: 'proactive', outreachOutcome: 'voicemail' });
    // The VIP signal shaped the call's actions, so it is on the record too.
    expect(saved.record.riskSignals).toMatchObject([{ signal: 'vip', action: 'instant_exchange' }]);

    const card = await value<CustomerCard>('customers:card', { customerId: TAKAHASHI.customerId });
    expect(card.notices[0]).toMatchObject({
      id: outreachNoticeId(saved.record.id),
      channel: 'call',
      kind: 'delay',
      language: 'ja',
      message: expect.stringContaining('留守番電話にメッセージを残しました'),
    });
    expect((await value<OutreachList>('outreach:list', {})).entries).toEqual([]);
    // The list's stored rows were recomputed after the save's commit (the list would be right
    // without it too, computing a pending customer itself, at a cost on every read).
    const noted = sqlite.prepare('select 1 from outreach_pending where customer_id = ?');
    expect(noted.get(TAKAHASHI.customerId)).toBeUndefined();
    const stored = sqlite
      .prepare('select candidate from outreach_candidates where customer_id = ?')
      .all(TAKAHASHI.customerId) as { candidate: string }[];
    expect(stored.map((r) => JSON.parse(r.candidate).lastAttemptAt)).toContain(
      saved.record.endedAt,
    );
  });

  it('an inbound call takes no outcome, and records the high-risk claim signal', async () => {
    const { clock, call, value } = await world();
    const started = await value<CallSession>('calls:start', { phone: ITO.phone });
    expect(started.direction).toBeUndefined();
    clock.now += 60_000;
    await value('calls:end', { callId: started.callId });
    const withOutcome = await call(
      'wrapUp:save',
      wrapUp(started.callId, ITO.customerId, {
        reasonCodes: ['delivery.not_received'],
        outreachOutcome: 'reached',
      }),
    );
    expect(withOutcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const saved = await value<WrapUpSaved>(
      'wrapUp:save',
      wrapUp(started.callId, ITO.customerId, { reasonCodes: ['delivery.not_received'] }),
    );
    expect(saved.record.contactType).toBeUndefined();
    expect(saved.record.riskSignals?.[0]).toMatchObject({
      signal: 'claim_risk',
      action: 'verification_required',
    });
    const reread = await value<typeof saved.record>('wrapUp:get', { callId: started.callId });
    expect(reread).toEqual(saved.record);
  });
});
