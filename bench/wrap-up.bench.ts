import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallDesk } from '../src/main/core/calls/call-desk';
import { openDatabase } from '../src/main/core/platform/connection';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { createEventBus } from '../src/main/core/platform/event-bus';
import { createIpcRouter } from '../src/main/core/platform/router';
import { loadPreferences } from '../src/main/core/preferences/preferences';
import { createServices } from '../src/main/core/services';
import { referenceRecords } from '../src/shared/demo/generate-demo-records';
import type { WrapUpInput } from '../src/shared/ipc';
import { figure, note, percentile, sampleLatencies, type Figure } from './lib/figures';

const SAMPLES = 500;

/**
 * Wrap-up save as the agent's Save key runs it: the IPC router (validation), the taxonomy check,
 * payment-data redaction, the call desk, and the record + outbox row committed durably
 * (synchronous=FULL: the WAL is fsynced before the answer). Baseline: a raw single-row insert
 * committed with the same durability — the floor for any write that survives a power cut. The
 * same insert without the fsync is reported too, to show what durability itself costs.
 */
export async function benchWrapUpSave(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-wrapup-bench-'));
  const database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  try {
    createRecordWriter(database.sqlite).apply(referenceRecords(Date.now()));
    const desk = createCallDesk();
    const router = createIpcRouter(
      createServices({
        db: database.db,
        sqlite: database.sqlite,
        events: createEventBus(),
        preferences: loadPreferences(dir),
        appVersion: 'bench',
        retailer: null,
        connectRetailer: async () => ({ retailerUrl: 'unused' }),
        desk,
        agent: () => ({
          id: 'usr-bench-agent',
          displayName: 'Bench',
          centerId: 'ctr-bench',
          role: 'agent',
          retailerName: null,
        }),
      }),
    );
    const { sqlite } = database;
    sqlite.exec('create table raw_insert (id text primary key, payload text not null)');
    const rawInsert = sqlite.prepare('insert into raw_insert (id, payload) values (?, ?)');
    const callIds = Array.from({ length: SAMPLES }, (_, i) => `bench-call-${i}`);
    const payload = JSON.stringify(wrapUp('x'));

    let row = 0;
    const insertRaw = () => rawInsert.run(`raw-${row++}`, payload);
    const rawNormal = await sampleLatencies(callIds, insertRaw, 20);
    sqlite.pragma('synchronous = FULL');
    const rawDurable = await sampleLatencies(callIds, insertRaw, 20);
    sqlite.pragma('synchronous = NORMAL');

    // Each call rings, is answered and ends before its save is timed.
    for (const callId of callIds) {
      desk.apply({ type: 'ringing', callId, ani: '090-1234-5678' });
      desk.apply({ type: 'answered', callId });
      desk.apply({ type: 'ended', callId });
    }
    const saves = await sampleLatencies(
      callIds,
      async (callId) => {
        const result = await router.handle('wrapUp:save', wrapUp(callId));
        if (!result.ok) throw new Error(result.error.message);
      },
      0,
    );
    note(`wrap-up save: ${saves.length} saves through the router`);
    return [
      figure('call_wrapup_save_p99', percentile(saves, 99), 'ms', percentile(rawDurable, 99)),
      figure('call_wrapup_save_p50', percentile(saves, 50), 'ms', percentile(rawDurable, 50)),
      figure(
        'call_wrapup_save_p99_vs_insert_without_fsync',
        percentile(saves, 99),
        'ms',
        percentile(rawNormal, 99),
      ),
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function wrapUp(callId: string): WrapUpInput {
  return {
    callId,
    customerId: null,
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: 'delivery.late',
    sentiment: 'negative',
    resolution: 'resolved',
    avoidable: true,
    customerWords: '配達予定日を過ぎても届かない。カード番号は言っていない。',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
  };
}
