import { createAccessWatch } from '../src/main/core/access-audit/access-watch';
import { createAuditOutbox } from '../src/main/core/access-audit/audit-outbox';
import { createCallDesk } from '../src/main/core/calls/call-desk';
import { readScreenPop } from '../src/main/core/customers/screen-pop';
import { searchCustomers } from '../src/main/core/customers/customer-search';
import { createDeskLock } from '../src/main/core/desk-lock/desk-lock';
import { noDeskPin } from '../src/main/core/desk-lock/memory-pin-store';
import { createEventBus } from '../src/main/core/platform/event-bus';
import { createIpcRouter, type IpcRouter } from '../src/main/core/platform/router';
import { loadPreferences } from '../src/main/core/preferences/preferences';
import { createServices } from '../src/main/core/services';
import type { BulkAccessRule } from '../src/shared/access-audit/bulk-access-policies';
import type { KoeCoreForBench } from './lib/bench-core';
import { figure, note, percentile, sampleLatencies, type Figure } from './lib/figures';
import { samplePhones } from './screen-pop.bench';

const SAMPLES = 1_000;
const AGENT = {
  id: 'bench-agent',
  displayName: 'Bench',
  centerId: 'bench-center',
  role: 'agent' as const,
  retailerName: null,
};
/** One rule of each metric, none reached: every access pays the full count, nothing locks. */
const RULES: BulkAccessRule[] = [
  {
    policyId: 'b-open',
    labelJa: 'b-open',
    labelEn: 'b-open',
    metric: 'opened_outside_call',
    threshold: 1e6,
    windowMinutes: 60,
    action: 'lock_desk',
  },
  {
    policyId: 'b-reveal',
    labelJa: 'b-reveal',
    labelEn: 'b-reveal',
    metric: 'reveals',
    threshold: 1e6,
    windowMinutes: 480,
    action: 'lock_desk',
  },
  {
    policyId: 'b-sweep',
    labelJa: 'b-sweep',
    labelEn: 'b-sweep',
    metric: 'search_sweep',
    threshold: 1e6,
    windowMinutes: 10,
    action: 'lock_desk',
  },
];

/**
 * What the access audit costs a screen pop by hand (outside a call) and a search: the router the
 * UI calls with the audit (row written, the desk's bulk-access policies counted, the outbox
 * started), against the same router whose two channels answer as they did before the audit. The
 * retailer is a stand-in that takes every row at once (no network here: the send is async and
 * off the answer's path either way).
 */
export async function benchAccessAudit({ sqlite, db }: KoeCoreForBench): Promise<Figure[]> {
  const desk = createCallDesk({});
  const lock = createDeskLock({ pins: noDeskPin(), desk, idleMinutes: () => 10, checkEveryMs: 0 });
  const watch = createAccessWatch({ sqlite, lock, rules: () => RULES });
  const outbox = createAuditOutbox({
    sqlite,
    agentId: () => AGENT.id,
    send: async (entries) => entries.map((e) => ({ id: e.id, status: 'accepted' as const })),
  });
  const services = createServices({
    db,
    sqlite,
    desk,
    lock,
    agent: () => AGENT,
    events: createEventBus(),
    preferences: loadPreferences('.data/bench-preferences'),
    appVersion: 'bench',
    retailer: null,
    connectRetailer: async () => ({ retailerUrl: 'unused' }),
    audited: (entry) => {
      watch.recorded(entry);
      outbox.soon();
    },
  });
  const audited = createIpcRouter(services);
  const without = createIpcRouter({
    ...services,
    'customers:search': ({ query, limit }) => searchCustomers(db, query, limit),
    'customers:screenPop': ({ phone }) => readScreenPop(db, phone, null),
  });
  const phones = samplePhones(sqlite, SAMPLES).map((p) => p.display);
  const queries = phones.map((_, i) => ['山田', '佐藤', 'たなか', 'suzuki', '鈴木'][i % 5]!);
  const run =
    (router: IpcRouter, channel: 'customers:search' | 'customers:screenPop') =>
    async (input: string) => {
      const result = await router.handle(
        channel,
        channel === 'customers:search' ? { query: input, limit: 20 } : { phone: input },
      );
      if (!result.ok) throw new Error(result.error.message);
    };
  const figures: Figure[] = [];
  try {
    for (const [name, channel, inputs] of [
      ['screen_pop_by_hand', 'customers:screenPop', phones],
      ['search', 'customers:search', queries],
    ] as const) {
      // Alternated halves, so neither side gets the warmer cache.
      const base1 = await sampleLatencies(inputs, run(without, channel));
      const with1 = await sampleLatencies(inputs, run(audited, channel));
      const base2 = await sampleLatencies(inputs, run(without, channel));
      const with2 = await sampleLatencies(inputs, run(audited, channel));
      const sorted = (a: number[], b: number[]) => [...a, ...b].sort((x, y) => x - y);
      const base = sorted(base1, base2);
      const withAudit = sorted(with1, with2);
      note(`access audit on ${name}: ${withAudit.length} samples each side`);
      for (const p of [50, 95])
        figures.push(
          figure(`access_audit_${name}_p${p}`, percentile(withAudit, p), 'ms', percentile(base, p)),
        );
    }
    await outbox.flush();
  } finally {
    // The bench cache is kept between runs: it keeps none of these rows.
    sqlite.prepare('delete from audit_log').run();
    sqlite.prepare('delete from access_policy_locks').run();
    lock.close();
  }
  return figures;
}
