import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Policy } from '../../../../src/shared/domain/guidance';
import {
  DEFAULT_RISK_THRESHOLDS,
  riskThresholdsFrom,
} from '../../../../src/shared/guidance/risk-thresholds';
import { outreachNoticeId } from '../../../../src/shared/outreach/outreach-notice';
import { MAX_OUTREACH_NOTICES_PER_CUSTOMER_DAY } from '../../../../server/src/data/outreach-notices';
import type { PullPage } from '../../../../src/shared/protocol/sync';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import { customerRecord, orderRecord, vocFor } from '../../../fixtures/retailer-records';
import {
  call,
  reportOutreachCalls,
  signIn,
  startTestServer,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const AGENT_A = { id: 'retailer-a-center-x-agent', center: 'retailer-a-center-x' };

/**
 * Retailer admins tune the fraud and VIP thresholds; desktops receive them as policy changes
 * through sync. A proactive call's VoC record becomes a notice every desktop pulls.
 */
describeEachDatabase('risk thresholds and outreach notices on $name', ({ postgres }) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer({ postgres });
    for (const [name, email] of Object.entries({
      adminA: 'admin@retailer-a.example',
      adminB: 'admin@retailer-b.example',
      agentA: 'agent@retailer-a-center-x.example',
      agentB: 'agent@retailer-b-center-x.example',
      supervisorA: 'supervisor@retailer-a-center-x.example',
      trainerA: 'trainer@retailer-a-center-x.example',
    })) {
      tokens[name] = await signIn(server.url, email);
    }
  });
  afterAll(() => server?.close());

  const reportCalls = async (records: VocRecord[]) =>
    expect(await reportOutreachCalls(server.url, tokens.agentA!, records)).toBe(200);

  const pullPolicies = async (token: string): Promise<Policy[]> => {
    const page = (await call(server.url, token, 'GET', '/v1/sync/pull?since=0&limit=10000'))
      .json as PullPage;
    return page.records.flatMap((r) => (r.type === 'policy' ? [r.data as Policy] : []));
  };

  it('only a retailer admin reads or changes the thresholds', async () => {
    for (const who of ['agentA', 'supervisorA', 'trainerA'] as const) {
      expect(
        (await call(server.url, tokens[who]!, 'GET', '/v1/admin/risk-thresholds')).status,
      ).toBe(403);
      const put = await call(server.url, tokens[who]!, 'PUT', '/v1/admin/risk-thresholds', {
        claimRiskThreshold: 0.1,
      });
      expect(put.status).toBe(403);
    }
    expect((await call(server.url, null, 'PUT', '/v1/admin/risk-thresholds', {})).status).toBe(401);
    const read = await call(server.url, tokens.adminA!, 'GET', '/v1/admin/risk-thresholds');
    expect(read).toMatchObject({ status: 200, json: DEFAULT_RISK_THRESHOLDS });
  });

  it('refuses thresholds out of range, unknown fields and an empty change', async () => {
    for (const body of [
      { claimRiskThreshold: 1.5 },
      { returnAbuseThreshold: -0.1 },
      { vipTier: 'platinum' },
      { claimRiskThreshold: 0.5, tenantId: 'retailer-b' },
      {},
    ]) {
      const reply = await call(
        server.url,
        tokens.adminA!,
        'PUT',
        '/v1/admin/risk-thresholds',
        body,
      );
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('publishes a change as the tenant’s policies, pulled by its desktops only', async () => {
    const before = await pullPolicies(tokens.agentB!);
    const reply = await call(server.url, tokens.adminA!, 'PUT', '/v1/admin/risk-thresholds', {
      claimRiskThreshold: 0.55,
      returnAbuseThreshold: 0.8,
    });
    expect(reply).toMatchObject({
      status: 200,
      json: { ...DEFAULT_RISK_THRESHOLDS, claimRiskThreshold: 0.55, returnAbuseThreshold: 0.8 },
    });
    const policies = await pullPolicies(tokens.agentA!);
    expect(policies.find((p) => p.kind === 'claim_verification')?.params).toMatchObject({
      riskThreshold: 0.55,
    });
    expect(policies.find((p) => p.kind === 'vip_free_exchange')?.params).toMatchObject({
      returnAbuseThreshold: 0.8,
    });
    // Another change keeps the first: each threshold is its own param.
    await call(server.url, tokens.adminA!, 'PUT', '/v1/admin/risk-thresholds', {
      highValueClaimJpy: 50_000,
    });
    expect(
      (await call(server.url, tokens.adminA!, 'GET', '/v1/admin/risk-thresholds')).json,
    ).toEqual({
      ...DEFAULT_RISK_THRESHOLDS,
      claimRiskThreshold: 0.55,
      returnAbuseThreshold: 0.8,
      highValueClaimJpy: 50_000,
    });
    // Retailer B saw nothing change.
    expect(await pullPolicies(tokens.agentB!)).toEqual(before);
    expect(
      (await call(server.url, tokens.adminB!, 'GET', '/v1/admin/risk-thresholds')).json,
    ).toEqual(DEFAULT_RISK_THRESHOLDS);
  });

  it('carries the fitted weights to the desktops as policy params, and drops them on null', async () => {
    const claimRiskWeights = {
      bias: -2.5,
      weights: {
        claim_risk_flag: 2.1,
        prior_not_received_claims: 1.2,
        delivery_evidence: 1.8,
        claim_value_high: 0.4,
        address_changed: 0.9,
        return_abuse_high: -0.2,
      },
    };
    const reply = await call(server.url, tokens.adminA!, 'PUT', '/v1/admin/risk-thresholds', {
      claimRiskWeights,
      claimRiskThreshold: 0.35,
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ claimRiskWeights, claimRiskThreshold: 0.35 });
    // A desktop reads them from the policy it pulled: the same weights its guidance scores with.
    const policies = await pullPolicies(tokens.agentA!);
    expect(riskThresholdsFrom(policies)).toMatchObject({
      claimRiskWeights,
      claimRiskThreshold: 0.35,
      returnAbuseWeights: null,
    });
    // A weight out of bounds or an unknown factor is refused, and nothing changes.
    for (const bad of [
      { ...claimRiskWeights, bias: 99 },
      { ...claimRiskWeights, weights: { ...claimRiskWeights.weights, shoe_size: 1 } },
    ]) {
      const refused = await call(server.url, tokens.adminA!, 'PUT', '/v1/admin/risk-thresholds', {
        claimRiskWeights: bad,
      });
      expect(refused.status).toBe(400);
    }
    const cleared = await call(server.url, tokens.adminA!, 'PUT', '/v1/admin/risk-thresholds', {
      claimRiskWeights: null,
    });
    expect(cleared.json).toMatchObject({ claimRiskWeights: null, claimRiskThreshold: 0.35 });
    const after = (await pullPolicies(tokens.agentA!)).find((p) => p.kind === 'claim_verification');
    expect(Object.keys(after!.params).filter((k) => k.startsWith('weight.'))).toEqual([]);
  });

  it('turns a proactive call that reached the customer into a notice, and still takes old records', async () => {
    const pushed = await call(server.url, tokens.adminA!, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'cus-outreach', language: 'en' }),
        orderRecord({ id: 'ord-outreach', customerId: 'cus-outreach' }),
      ],
      deletions: [],
    });
    expect(pushed.status).toBe(200);
    const reached = vocFor(AGENT_A.id, AGENT_A.center, {
      customerId: 'cus-outreach',
      orderId: 'ord-outreach',
      reasonCodes: ['outreach.delay'],
      contactType: 'proactive',
      outreachOutcome: 'reached',
      callId: 'call-reached',
    });
    const noAnswer = vocFor(AGENT_A.id, AGENT_A.center, {
      customerId: 'cus-outreach',
      orderId: 'ord-outreach',
      reasonCodes: ['outreach.delay'],
      contactType: 'proactive',
      outreachOutcome: 'no_answer',
      callId: 'call-no-answer',
    });
    await reportCalls([reached, noAnswer]);
    // A record as an older Koe wrote it: none of the new fields.
    const old = vocFor(AGENT_A.id, AGENT_A.center);
    const answer = await call(server.url, tokens.agentA!, 'POST', '/v1/voc/batch', {
      records: [reached, noAnswer, old],
    });
    expect((answer.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(
      ['accepted', 'accepted', 'accepted'],
    );
    // A replay is a duplicate and writes no second notice.
    const replay = await call(server.url, tokens.agentA!, 'POST', '/v1/voc/batch', {
      records: [reached, old],
    });
    expect((replay.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(
      ['duplicate', 'duplicate'],
    );

    const page = (
      await call(server.url, tokens.agentA!, 'GET', '/v1/sync/pull?since=0&limit=10000')
    ).json as PullPage;
    const notices = page.records.filter(
      (r) =>
        r.type === 'notice' && (r.data as { customerId: string }).customerId === 'cus-outreach',
    );
    expect(notices.map((n) => n.data)).toEqual([
      {
        id: outreachNoticeId(reached.id),
        customerId: 'cus-outreach',
        orderId: 'ord-outreach',
        channel: 'call',
        kind: 'delay',
        language: 'en',
        sentAt: reached.endedAt,
        message: 'We called about the delay of order #KO-ord-outreach and explained it.',
        updatedAt: reached.savedAt,
      },
    ]);
    const otherTenant = (
      await call(server.url, tokens.agentB!, 'GET', '/v1/sync/pull?since=0&limit=10000')
    ).json as PullPage;
    expect(
      otherTenant.records.some(
        (r) => r.type === 'notice' && r.data.id === outreachNoticeId(reached.id),
      ),
    ).toBe(false);
  });
  it('bounds the notices proactive calls leave on a customer, and takes none for another customer’s order', async () => {
    const pushed = await call(server.url, tokens.adminA!, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'cus-bounded' }),
        customerRecord({ id: 'cus-other' }),
        orderRecord({ id: 'ord-bounded', customerId: 'cus-bounded' }),
        orderRecord({ id: 'ord-other', customerId: 'cus-other' }),
      ],
      deletions: [],
    });
    expect(pushed.status).toBe(200);
    const told = (orderId: string, minute: number) =>
      vocFor(AGENT_A.id, AGENT_A.center, {
        customerId: 'cus-bounded',
        orderId,
        reasonCodes: ['outreach.delay'],
        contactType: 'proactive',
        outreachOutcome: 'reached',
        callId: `call-bounded-${minute}`,
        startedAt: `2026-11-24T02:${String(minute).padStart(2, '0')}:00.000Z`,
        endedAt: `2026-11-24T02:${String(minute).padStart(2, '0')}:30.000Z`,
      });
    const calls = [1, 2, 3, 4, 5].map((m) => told('ord-bounded', m));
    const foreignOrder = told('ord-other', 6);
    await reportCalls([...calls, foreignOrder]);
    const answer = await call(server.url, tokens.agentA!, 'POST', '/v1/voc/batch', {
      records: [foreignOrder, ...calls],
    });
    // Every record is kept: only the notices are bounded.
    expect((answer.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(
      Array(6).fill('accepted'),
    );
    const page = (
      await call(server.url, tokens.agentA!, 'GET', '/v1/sync/pull?since=0&limit=10000')
    ).json as PullPage;
    const noticeIds = page.records
      .filter(
        (r) =>
          r.type === 'notice' && (r.data as { customerId: string }).customerId === 'cus-bounded',
      )
      .map((r) => (r.data as { id: string }).id)
      .sort();
    expect(noticeIds).toEqual(
      calls
        .slice(0, MAX_OUTREACH_NOTICES_PER_CUSTOMER_DAY)
        .map((c) => outreachNoticeId(c.id))
        .sort(),
    );
    // A corrected wrap-up of a counted call still republishes its notice.
    const corrected = { ...calls[0]!, revision: 2, customerWords: '説明しました' };
    const again = await call(server.url, tokens.agentA!, 'POST', '/v1/voc/batch', {
      records: [corrected],
    });
    expect(again.status).toBe(200);
  });
});
