import { createAccessWatch } from '../src/main/core/access-audit/access-watch';
import { createAuditOutbox } from '../src/main/core/access-audit/audit-outbox';
import { createAuditJournal, type AuditJournal } from '../src/main/core/access-audit/audit-journal';
import { createCallDesk } from '../src/main/core/calls/call-desk';
import { createDeskLock } from '../src/main/core/desk-lock/desk-lock';
import { noDeskPin } from '../src/main/core/desk-lock/memory-pin-store';
import { createEventBus } from '../src/main/core/platform/event-bus';
import { createIpcRouter } from '../src/main/core/platform/router';
import { loadPreferences } from '../src/main/core/preferences/preferences';
import { createServices } from '../src/main/core/services';
import type { BulkAccessRule } from '../src/shared/access-audit/bulk-access-policies';
import type { KoeCoreForBench } from './lib/bench-core';
import { figure, note, percentile, type Figure } from './lib/figures';
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
 * What the access audit costs a screen pop by hand (outside a call) and a search: two routers
 * made by the same `createServices` from the same parts, one whose searches and pops record
 * their accesses (the row committed after the answer, the desk's bulk-access policies counted,
 * the outbox started) and one whose audit journal keeps nothing. Paired samples: each input runs
 * on both in the same loop, in alternating order, each as a task of its own as an IPC message is
 * (so the previous access's commit has run, as in the app). Two figures per operation: the
 * answer (what the agent waits for) and the answer plus the commit that follows it in the same
 * tick (how long the core's thread is busy before it takes the next message). The retailer is
 * a stand-in that takes every row at once (no network here: the send is async and off the
 * answer's path either way).
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
  const journal = createAuditJournal({
    sqlite,
    committed: (entries) => {
      for (const entry of entries) watch.recorded(entry);
      outbox.soon();
    },
  });
  const noAudit: AuditJournal = { record() {}, commit() {}, pending: () => 0 };
  const routerWith = (auditJournal: AuditJournal) =>
    createIpcRouter(
      createServices({
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
        auditJournal,
      }),
    );
  const sides = [
    { router: routerWith(noAudit), journal: noAudit, answer: [] as number[], busy: [] as number[] },
    { router: routerWith(journal), journal, answer: [] as number[], busy: [] as number[] },
  ] as const;
  const [off, on] = sides;
  const phones = samplePhones(sqlite, SAMPLES).map((p) => p.display);
  const queries = phones.map((_, i) => ['山田', '佐藤', 'たなか', 'suzuki', '鈴木'][i % 5]!);
  const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));
  const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
  const figures: Figure[] = [];
  try {
    for (const [name, channel, inputs] of [
      ['screen_pop_by_hand', 'customers:screenPop', phones],
      ['search', 'customers:search', queries],
    ] as const) {
      const sample = async (side: (typeof sides)[number], input: string, keep: boolean) => {
        await nextTask();
        const start = process.hrtime.bigint();
        const result = await side.router.handle(
          channel,
          channel === 'customers:search' ? { query: input, limit: 20 } : { phone: input },
        );
        const answered = process.hrtime.bigint();
        // What the tick does after the answer, done here so it is timed (a no-op when done).
        side.journal.commit();
        const free = process.hrtime.bigint();
        if (!result.ok) throw new Error(result.error.message);
        if (!keep) return;
        side.answer.push(ms(start, answered));
        side.busy.push(ms(start, free));
      };
      for (const side of sides) side.answer.length = side.busy.length = 0;
      const warmup = Math.min(200, inputs.length);
      for (let i = 0; i < warmup + inputs.length; i++) {
        const input = inputs[i % inputs.length]!;
        // Alternated order, so neither side gets the warmer cache.
        for (const side of i % 2 ? [off, on] : [on, off]) await sample(side, input, i >= warmup);
      }
      note(`access audit on ${name}: ${on.answer.length} paired samples`);
      const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
      for (const [what, key] of [
        ['', 'answer'],
        ['_until_committed', 'busy'],
      ] as const)
        for (const p of [50, 95])
          figures.push(
            figure(
              `access_audit_${name}${what}_p${p}`,
              percentile(sorted(on[key]), p),
              'ms',
              percentile(sorted(off[key]), p),
            ),
          );
    }
    // The outbox sends within a moment of the last access: let that send run before the cache
    // closes (it would fail on a closed connection).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await outbox.flush();
  } finally {
    // The bench cache is kept between runs: it keeps none of these rows.
    sqlite.prepare('delete from audit_log').run();
    sqlite.prepare('delete from access_policy_locks').run();
    lock.close();
  }
  return figures;
}
