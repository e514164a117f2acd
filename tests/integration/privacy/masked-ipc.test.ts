import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceRecords } from '../../../src/shared/demo/generate-demo-records';
import type { IpcEvents, IpcResult, SignedInAgent } from '../../../src/shared/ipc';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { readAudit } from '../../../src/main/core/access-audit/audit.repository';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { startKoeCore } from '../../../src/main/core/koe-core';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import {
  createPrivacyGuard,
  REVEAL_AFTER_CALL_MS,
} from '../../../src/main/core/privacy/privacy-guard';
import { createServices } from '../../../src/main/core/services';
import { customerRecord, orderRecord, shipmentRecord } from '../../fixtures/retailer-records';

/**
 * Masked in the core, not in the page: every IPC answer that carries a customer — card, screen
 * pop, search by name, phone, e-mail or order number, the outreach list, and the pop riding on
 * a ring's event — is read at the router boundary and must hold none of the sensitive values in
 * any spelling. The reveal is the one way to them: one field, during or just after a call with
 * that customer, logged; refused (and logged) outside one.
 */
const AGENT: SignedInAgent = {
  id: 'usr-agent-1',
  displayName: '山田 太郎',
  centerId: 'ctr-1',
  role: 'agent',
  retailerName: null,
};
const START = Date.parse('2026-11-23T01:00:00.000Z');

interface Known {
  id: string;
  phone: string;
  /** Every spelling of the sensitive values that must not cross unmasked. */
  secrets: string[];
}

const people: Known[] = [
  {
    id: 'cus-m1',
    phone: '090-3141-5926',
    secrets: ['+819031415926', '09031415926', '090-3141-5926', '31415926', '3141-5926'],
  },
  {
    id: 'cus-m2',
    phone: '03-2718-2818',
    secrets: ['+81327182818', '0327182818', '03-2718-2818', '27182818', '2718-2818'],
  },
];
const emails = ['mask.one@privacy.example', 'mask.two@privacy.example'];
const addresses = ['世田谷区桜新町9-8-7 マスクハイツ303', '横浜市中区山下町99-1'];
const postals = ['154-0015', '231-0023'];
const allSecrets = [
  ...people.flatMap((p) => p.secrets),
  ...emails,
  ...emails.map((e) => e.split('@')[0] as string),
  ...addresses,
  '9-8-7',
  '山下町99',
  ...postals,
];

function records(): RetailerRecord[] {
  return [
    ...referenceRecords(START),
    ...people.flatMap((p, i) => [
      customerRecord({
        id: p.id,
        familyName: i === 0 ? '真壁' : '隠岐',
        givenName: '花子',
        familyNameKana: i === 0 ? 'マカベ' : 'オキ',
        phones: [{ number: p.phone, kind: i === 0 ? 'mobile' : 'home' }],
        emails: [emails[i] as string],
        postalCode: postals[i] as string,
        addressLine: addresses[i] as string,
      }),
      orderRecord({ id: `ord-m${i}`, customerId: p.id, orderNumber: `KO-2611-00099${i}` }),
      shipmentRecord({ id: `shp-m${i}`, orderId: `ord-m${i}` }),
    ]),
  ];
}

/** A real cache behind the real services and router; `sensitiveFields`: the retailer's policy. */
async function world(options: { sensitiveFields?: string } = {}) {
  const database = await openDatabase({
    filename: join(mkdtempSync(join(tmpdir(), 'koe-mask-')), 'koe.sqlite'),
  });
  createRecordWriter(database.sqlite).apply([
    ...records(),
    ...(options.sensitiveFields === undefined
      ? []
      : [
          {
            type: 'policy' as const,
            data: {
              id: 'pol-data-protection',
              kind: 'data_protection' as const,
              labelJa: '個人情報の保護',
              labelEn: 'Data protection',
              params: { sensitiveFields: options.sensitiveFields },
              active: true,
              updatedAt: new Date(START).toISOString(),
            },
          },
        ]),
  ]);
  const clock = { now: START };
  const now = () => clock.now;
  const deskCalls = createDeskCallsRepository(database.sqlite, { now });
  const desk = createCallDesk({ now, persistence: deskCalls });
  const privacy = createPrivacyGuard({ db: database.db, desk, deskCalls, now });
  await privacy.refresh();
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
      deskCalls,
      privacy,
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
  return { database, clock, desk, call, value };
}

/** The sensitive values an answer still carries, in any spelling (the test's whole point). */
function leaks(answer: unknown): string[] {
  const text = JSON.stringify(answer);
  return allSecrets.filter((s) => text.includes(s));
}

describe('masked in the core', () => {
  it('no answer that carries a customer holds an unmasked sensitive value', async () => {
    const w = await world();
    const answers: [string, unknown][] = [
      ['card', await w.value('customers:card', { customerId: 'cus-m1' })],
      ['card 2', await w.value('customers:card', { customerId: 'cus-m2' })],
      ['pop', await w.value('customers:screenPop', { phone: '090-3141-5926' })],
      ['pop 2', await w.value('customers:screenPop', { phone: '0327182818' })],
      ['search name', await w.value('customers:search', { query: '花子' })],
      ['search kana', await w.value('customers:search', { query: 'マカベ' })],
      ['search phone', await w.value('customers:search', { query: '090-3141-5926' })],
      ['search e-mail', await w.value('customers:search', { query: emails[1] })],
      ['search order', await w.value('customers:search', { query: 'KO-2611-000990' })],
      ['outreach', await w.value('outreach:list', {})],
    ];
    for (const [name, answer] of answers) expect(leaks(answer), name).toEqual([]);
    // They did carry the customers, masked: the last 4 digits, the e-mail's domain, the ward.
    const card = await w.value<{
      customer: { phones: { e164: string }[]; emails: string[]; addressLine: string };
      masked: string[];
    }>('customers:card', { customerId: 'cus-m1' });
    expect(card.customer.phones[0]?.e164).toBe('***-****-5926');
    expect(card.customer.emails).toEqual(['m***@privacy.example']);
    expect(card.customer.addressLine).toBe('世田谷区***');
    expect(card.masked).toEqual(['address', 'email', 'phone', 'birthday']);
    const search = JSON.stringify(answers[6]?.[1]);
    expect(search).toContain('cus-m1');
    const outreach = JSON.stringify(answers[9]?.[1]);
    expect(outreach).toContain('cus-m1');
    expect(outreach).toContain('***-****-5926');
  });

  it('the retailer chooses the sensitive fields (its data_protection policy)', async () => {
    const w = await world({ sensitiveFields: 'email' });
    const card = await w.value<{
      customer: { emails: string[]; addressLine: string; phones: { e164: string }[] };
      masked: string[];
    }>('customers:card', { customerId: 'cus-m1' });
    expect(card.masked).toEqual(['email']);
    expect(card.customer.emails).toEqual(['m***@privacy.example']);
    // What the retailer left out of the list is shown as it is.
    expect(card.customer.addressLine).toBe(addresses[0]);
    expect(card.customer.phones[0]?.e164).toBe('+819031415926');
  });

  it('reveals one field only during or just after a call with that customer, logged', async () => {
    const w = await world();
    // Between calls: refused, and the attempt is logged.
    expect(
      await w.call('customers:revealPii', { customerId: 'cus-m1', field: 'phone', callId: null }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // On a call from cus-m1's number: cus-m1's phone, not cus-m2's e-mail.
    const started = await w.value<{ callId: string }>('calls:start', { phone: '090-3141-5926' });
    expect(
      await w.value('customers:revealPii', {
        customerId: 'cus-m1',
        field: 'phone',
        callId: started.callId,
      }),
    ).toEqual({ loggedAt: new Date(START).toISOString(), values: ['+819031415926'] });
    expect(
      await w.value('customers:revealPii', {
        customerId: 'cus-m1',
        field: 'address',
        callId: started.callId,
      }),
    ).toMatchObject({ values: ['〒154-0015 東京都 世田谷区桜新町9-8-7 マスクハイツ303'] });
    expect(
      await w.call('customers:revealPii', {
        customerId: 'cus-m2',
        field: 'email',
        callId: started.callId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const audit = await readAudit(w.database.db);
    expect(audit.map((a) => [a.kind, a.customerId, a.detail])).toEqual(
      expect.arrayContaining([
        ['pii_reveal_refused', 'cus-m1', { field: 'phone' }],
        ['pii_revealed', 'cus-m1', { field: 'phone' }],
        ['pii_reveal_refused', 'cus-m2', { field: 'email' }],
      ]),
    );
  });

  it('just after a call the reveal still works; a quarter of an hour later it does not', async () => {
    const w = await world();
    // A missed call from cus-m2's number: it rang and ended unanswered.
    expect(w.desk.apply({ type: 'ringing', callId: 'missed-1', ani: '03-2718-2818' }).ok).toBe(
      true,
    );
    expect(w.desk.apply({ type: 'ended', callId: 'missed-1' }).ok).toBe(true);
    const reveal = () =>
      w.call('customers:revealPii', { customerId: 'cus-m2', field: 'email', callId: 'missed-1' });
    w.clock.now += REVEAL_AFTER_CALL_MS - 1_000;
    expect(await reveal()).toMatchObject({ ok: true, value: { values: [emails[1]] } });
    w.clock.now += 2_000;
    expect(await reveal()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("a call's own number is readable while it is on and just after, masked in the day's list later", async () => {
    const w = await world();
    expect(w.desk.apply({ type: 'ringing', callId: 'own-1', ani: '090-3141-5926' }).ok).toBe(true);
    const state = () =>
      w.value<{
        current: { ani: string; e164: string | null } | null;
        today: { callId: string; ani: string; e164: string | null }[];
      }>('calls:state', {});
    // Ringing and on the line: the number the agent is speaking to, as the phone system sent it.
    expect((await state()).current).toMatchObject({ ani: '090-3141-5926', e164: '+819031415926' });
    expect(w.desk.apply({ type: 'answered', callId: 'own-1' }).ok).toBe(true);
    expect(w.desk.apply({ type: 'ended', callId: 'own-1' }).ok).toBe(true);
    // In wrap-up, then just after: still readable (the reveal's window).
    expect((await state()).current).toMatchObject({ e164: '+819031415926' });
    expect(w.desk.apply({ type: 'ringing', callId: 'own-2', ani: '03-2718-2818' }).ok).toBe(true);
    expect(w.desk.apply({ type: 'ended', callId: 'own-2' }).ok).toBe(true);
    w.clock.now += REVEAL_AFTER_CALL_MS + 1_000;
    // A quarter of an hour after the missed call: the day's list keeps it, masked.
    const later = await state();
    const missed = later.today.find((c) => c.callId === 'own-2');
    expect(missed).toMatchObject({ ani: '***-****-2818', e164: null });
    // The call still in wrap-up keeps its number readable.
    expect(later.today.find((c) => c.callId === 'own-1')).toMatchObject({ e164: '+819031415926' });
    expect(leaks(missed)).toEqual([]);
  });

  it('a call number stays as received when the retailer does not mark phones sensitive', async () => {
    const w = await world({ sensitiveFields: 'email' });
    expect(w.desk.apply({ type: 'ringing', callId: 'own-3', ani: '03-2718-2818' }).ok).toBe(true);
    expect(w.desk.apply({ type: 'ended', callId: 'own-3' }).ok).toBe(true);
    w.clock.now += REVEAL_AFTER_CALL_MS + 1_000;
    const state = await w.value<{ today: { callId: string; e164: string | null }[] }>(
      'calls:state',
      {},
    );
    expect(state.today.find((c) => c.callId === 'own-3')?.e164).toBe('+81327182818');
  });

  it('an outbound call from the outreach list dials the number the page only saw masked', async () => {
    const w = await world();
    const started = await w.value<{ e164: string }>('calls:start', {
      direction: 'outbound',
      reason: 'proactive',
      customerId: 'cus-m2',
      orderId: 'ord-m1',
    });
    expect(started.e164).toBe('+81327182818');
  });

  it('the pop that rides on a ring event is masked too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-mask-core-'));
    const core = await startKoeCore({
      dataDir: dir,
      appVersion: 'test',
      ctiPort: false,
      predictions: false,
    });
    try {
      createRecordWriter(core.database.sqlite).apply(records());
      const popped = new Promise<IpcEvents['calls:changed']>((resolve) =>
        core.events.subscribe((event, payload) => {
          const changed = payload as IpcEvents['calls:changed'];
          if (event === 'calls:changed' && changed.pop) resolve(changed);
        }),
      );
      expect((await core.router.handle('calls:start', { phone: '090-3141-5926' })).ok).toBe(true);
      const event = await popped;
      expect(event.pop?.card?.customer.id).toBe('cus-m1');
      expect(leaks(event.pop)).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
