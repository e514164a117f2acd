import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { fitRiskFromCache } from '../../../src/main/core/predictions/risk-fit';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { DeliveryClaim } from '../../../src/shared/domain';
import { DEFAULT_RISK_THRESHOLDS } from '../../../src/shared/guidance/risk-thresholds';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { customerRecord, orderRecord } from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { signedInApi } from '../../fixtures/sync-client';

/**
 * The labels the risk scores are fitted on are the retailer's confirmed outcomes: it settles a
 * claim (denied, or refunded) in its own system and pushes the claim again; every desk pulls it,
 * and the fit on the desk (the admin view's, risk-fit.ts) learns from it. Real server, real pull.
 */
const CUSTOMERS = 80;
const OPENED = '2026-10-01T01:00:00.000Z';

function claimOf(i: number, settled: Pick<DeliveryClaim, 'status' | 'outcome'> | null) {
  const data: DeliveryClaim = {
    id: `k${i}`,
    orderId: `o${i}`,
    shipmentId: null,
    customerId: `c${i}`,
    type: 'not_received',
    status: settled?.status ?? 'open',
    outcome: settled?.outcome ?? null,
    amount: 4_980,
    currency: 'JPY',
    openedAt: OPENED,
    resolvedAt: settled ? '2026-10-09T01:00:00.000Z' : null,
    updatedAt: settled ? '2026-10-09T01:00:00.000Z' : OPENED,
  };
  return { type: 'claim', data } satisfies RetailerRecord;
}

/** Every third customer is flagged a claim risk; the retailer denies their claims. */
const flagged = (i: number) => i % 3 === 0;

describe('confirmed claim outcomes reach the desk as labels', () => {
  let server: TestServer;
  let local: LocalDatabase;
  let admin: string;

  beforeEach(async () => {
    server = await startTestServer();
    local = await openDatabase({ filename: ':memory:' });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    const records: RetailerRecord[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      records.push(
        customerRecord({
          id: `c${i}`,
          phones: [{ number: `090-2000-${String(i).padStart(4, '0')}`, kind: 'mobile' }],
          flags: flagged(i) ? ['claim_risk'] : [],
        }),
        orderRecord({ id: `o${i}`, customerId: `c${i}`, placedAt: '2026-09-20T01:00:00.000Z' }),
        claimOf(i, null),
      );
    }
    await call(server.url, admin, 'POST', '/v1/data/batch', { records });
  });
  afterEach(async () => {
    await local.close();
    await server.close();
  });

  it('fits nothing on open claims, then learns from the outcomes the retailer pushed', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    await pullChanges(local.sqlite, api);
    const now = Date.parse('2026-11-23T00:00:00.000Z');
    expect(fitRiskFromCache(local.sqlite, DEFAULT_RISK_THRESHOLDS, now).claim).toBeNull();

    // The retailer settles every claim: the flagged customers' are denied, the others refunded
    // (and one flagged claim turns out genuine, one other is denied: labels are noisy).
    const settled = Array.from({ length: CUSTOMERS }, (_, i) => {
      const denied = flagged(i) ? i !== 3 : i === 4;
      return claimOf(
        i,
        denied
          ? { status: 'rejected', outcome: 'denied' }
          : { status: 'resolved', outcome: 'refunded' },
      );
    });
    const pushed = await call(server.url, admin, 'POST', '/v1/data/batch', { records: settled });
    expect(pushed.status).toBe(200);
    const pulled = await pullChanges(local.sqlite, api);
    expect(pulled.records).toBe(CUSTOMERS);

    const fit = fitRiskFromCache(local.sqlite, DEFAULT_RISK_THRESHOLDS, now).claim;
    expect(fit).not.toBeNull();
    expect(fit!.trainCases + fit!.testCases).toBe(CUSTOMERS);
    // The retailer's flag is what its denials followed: the fit weighs it up, and on the
    // held-out claims the fitted score ranks denied above refunded.
    expect(fit!.weights.weights.claim_risk_flag).toBeGreaterThan(2);
    expect(fit!.auc).toBeGreaterThan(0.9);
  });
});
