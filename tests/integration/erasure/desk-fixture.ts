import { applyChanges } from '../../../server/src/data/change-log';
import type { ServerDb } from '../../../server/src/db/schema';
import type { KoeCore } from '../../../src/main/core/koe-core';
import type { WrapUpInput } from '../../../src/shared/ipc';
import type { SyncStatus } from '../../../src/shared/sync-status';
import type { DeskOnRetailer } from '../../fixtures/desk-with-retailer';
import { customerRecord } from '../../fixtures/retailer-records';

/**
 * What the revocation tests ask of a desk: its events, its tables, a wrap-up saved, the
 * retailer's customers.
 */

/**
 * A desk of the revocation tests (started by the shared context, `useRetailerWithDesks`): its
 * live stream reconnects within 300 ms, so a revocation is heard at once. `keyVault` omitted: the
 * cache is a plain file, so a raw-byte scan of the folder can find (or not) the customers' strings.
 */
export function revocableDesk(desk: DeskOnRetailer & { email: string }): DeskOnRetailer {
  return {
    ...desk,
    core: {
      appVersion: '1.2.3',
      syncStream: { reconnectBaseMs: 100, reconnectMaxMs: 300, silenceTimeoutMs: 5_000 },
      ...desk.core,
    },
  };
}

export function waitFor<T>(
  core: KoeCore,
  event: string,
  test: (payload: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((name, payload) => {
      if (name === event && test(payload as T)) {
        off();
        resolve(payload as T);
      }
    });
  });
}

export const pulled = (core: KoeCore, after: string | null = null) =>
  waitFor<SyncStatus>(
    core,
    'sync:status',
    (s) => s.phase === 'idle' && s.lastSyncedAt !== null && s.lastSyncedAt !== after && !s.error,
  );

export const count = (core: KoeCore, table: string) =>
  (core.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

export async function value<T>(core: KoeCore, channel: string, input: unknown): Promise<T> {
  const result = await core.router.handle(channel as never, input as never);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A call with a customer, ended, and its wrap-up saved (into the outbox). */
export async function wrappedUpCall(
  core: KoeCore,
  customer: { id: string; phone: string },
  words: string,
) {
  const started = core.desk.startCall({ ani: customer.phone, origin: 'manual' });
  if (!started.ok) throw new Error(started.error.code);
  const callId = started.call.callId;
  await value(core, 'calls:end', { callId });
  const wrapUp: WrapUpInput = {
    callId,
    customerId: customer.id,
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: null,
    sentiment: 'neutral',
    resolution: 'callback',
    callbackAt: new Date(Date.now() + 86_400_000).toISOString(),
    avoidable: false,
    customerWords: words,
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  };
  const saved = await value<{ record: { id: string } }>(core, 'wrapUp:save', wrapUp);
  return { vocId: saved.record.id };
}

/** The retailer's customers for these tests (one phone, maybe an e-mail) and the reason wrap-ups use. */
export async function seedCustomers(
  db: ServerDb,
  tenantId: string,
  customers: readonly { id: string; familyName: string; phone: string; email?: string }[],
): Promise<void> {
  await applyChanges(
    db,
    tenantId,
    [
      ...customers.map((c) =>
        customerRecord({
          id: c.id,
          familyName: c.familyName,
          phones: [{ number: c.phone, kind: 'mobile' }],
          ...(c.email ? { emails: [c.email] } : {}),
        }),
      ),
      {
        type: 'reason',
        data: {
          ...{ code: 'delivery.late', parentCode: null, labelJa: '配達遅延' },
          ...{ labelEn: 'Late delivery', avoidableDefault: true, sortOrder: 1, active: true },
        },
      },
    ],
    [],
  );
}
