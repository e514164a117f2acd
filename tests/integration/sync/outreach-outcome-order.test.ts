import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentStateReporter } from '../../../src/main/core/agent-state/agent-state-reports';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { decodeRefusal } from '../../../src/main/core/sync/outbox-refusal';
import { pushOutbox } from '../../../src/main/core/sync/push-outbox';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { catalogs } from '../../../src/shared/i18n';
import { PROACTIVE_STARTED as STARTED, proactiveOutcome } from '../../fixtures/retailer-records';
import { call, PASSWORD, startTestServer, type TestServer } from '../../fixtures/test-server';
import { signedInApi } from '../../fixtures/sync-client';

const CENTER = 'retailer-a-center-x';
const proactive = (callId: string) => proactiveOutcome(callId);

/**
 * The desk's two outboxes (its state changes, which carry its outreach calls, and its wrap-ups)
 * drain on their own: after a time offline the wrap-up of a proactive call can reach the
 * retailer before the report of its call. The retailer refuses it then; the desk must not take
 * that refusal as final while the report is still in its own outbox.
 */
describe('a proactive outcome and its call report, in either order', () => {
  let server: TestServer;
  let local: LocalDatabase;
  beforeEach(async () => {
    server = await startTestServer();
    local = await openDatabase({ filename: ':memory:' });
  }, 60_000);
  afterEach(async () => {
    await local.close();
    await server.close();
  }, 60_000);

  it('an offline desk’s outcome pushed before its call report waits for it, then is taken', async () => {
    const { api, sessions } = await signedInApi(server.url, `agent@${CENTER}.example`, PASSWORD);
    let offline = true;
    const reporter = createAgentStateReporter({
      sqlite: local.sqlite,
      send: async (changes) => {
        if (offline) throw new Error('offline');
        const reply = await call(
          server.url,
          sessions.load()!.accessToken,
          'POST',
          '/v1/agent-state/changes',
          { changes },
        );
        if (reply.status !== 200) throw new Error(`state changes: ${reply.status}`);
      },
      log: () => {},
    });
    try {
      // Offline: the agent goes on an outreach call and saves its outcome.
      const callState = { reason: null, choice: null, line: 'on_call' as const, since: STARTED };
      reporter.record({ ...callState, status: 'on_call' }, false, {
        callId: 'call-offline',
        customerId: 'cus-called',
        direction: 'outbound',
      });
      const record = proactive('call-offline');
      createVocRecordSaver(local.sqlite)(record);
      // Back online, the wrap-up goes first: refused, and kept waiting (not quarantined).
      offline = false;
      const first = await pushOutbox(local.sqlite, api);
      expect(first).toMatchObject({ sent: 0, quarantined: 0 });
      expect(first.retryAt).not.toBeNull();
      expect(local.sqlite.prepare(`select state from outbox`).all()).toEqual([
        { state: 'pending' },
      ]);
      // The call's report reaches the retailer; the wrap-up's next try is taken.
      expect(await reporter.flush()).toBe(1);
      const afterRetry = () => new Date(Date.parse(first.retryAt!) + 1);
      expect(await pushOutbox(local.sqlite, api, afterRetry)).toMatchObject({
        sent: 1,
        quarantined: 0,
      });
    } finally {
      reporter.close();
    }
  });

  it('refuses for good an outcome whose call this desk never reported, with a worded reason', async () => {
    const { api } = await signedInApi(server.url, `agent@${CENTER}.example`, PASSWORD);
    createVocRecordSaver(local.sqlite)(proactive('call-never'));
    expect(await pushOutbox(local.sqlite, api)).toMatchObject({ sent: 0, quarantined: 1 });
    const row = local.sqlite.prepare(`select last_error from outbox`).get() as {
      last_error: string;
    };
    const refusal = decodeRefusal(row.last_error);
    expect(refusal.reason).toBe('outreach_call_not_reported');
    // The sync details word the code in the agent's language (sync.refusal.<code>).
    expect(catalogs.ja.sync.refusal[refusal.reason]).toMatch(/発信/);
    expect(catalogs.en.sync.refusal[refusal.reason]).toMatch(/outreach call/);
  });
});
