import type Sqlite from 'better-sqlite3';
import type { AgentState } from '../../../shared/agent-state/agent-state';
import type { AgentStateChange, OutreachCallEvent } from '../../../shared/protocol/agent-state';
import { uuidV7 } from '../../../shared/uuid-v7';
import { sendBatches } from '../retailer-client';
import { createOutboxDrain } from '../sync';

/** Sends a batch to the retailer; throws when it cannot (offline, signed out, refused). */
export type SendAgentStateChanges = (changes: AgentStateChange[]) => Promise<void>;

export interface AgentStateReporter {
  /**
   * Keeps the change durably, then tries to send everything waiting. `deskLocked`: whether the
   * desk is locked as of this change (the floor shows a locked desk as such); `call`: the
   * outreach call an `on_call` change is about (the retailer checks a proactive outcome by it).
   */
  record(state: AgentState, deskLocked?: boolean, call?: OutreachCallEvent): void;
  /** Sends what is waiting now; resolves with how many were delivered. */
  flush(): Promise<number>;
  pending(): number;
  /** Called after each batch the retailer accepted. */
  onDelivered(listener: (ids: string[]) => void): () => void;
  close(): void;
}

const BATCH = 200;

interface ReportRow {
  seq: number;
  payload: string;
  attempts: number;
}

/**
 * The agent's state changes on their way to the retailer (the supervisors' floor): written to
 * the cache first, so a desk offline or restarted loses none, then sent in order, in batches,
 * retried with backoff. The retailer takes each change once (its id is the idempotency key).
 */
export function createAgentStateReporter(options: {
  sqlite: Sqlite.Database;
  send: SendAgentStateChanges;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}): AgentStateReporter {
  const { sqlite, send } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const insert = sqlite.prepare('insert into agent_state_reports (id, payload) values (?, ?)');
  const waiting = sqlite.prepare(
    'select seq, payload, attempts from agent_state_reports where refused = 0 order by seq limit ?',
  );
  const count = sqlite.prepare('select count(*) as n from agent_state_reports where refused = 0');
  const remove = sqlite.prepare('delete from agent_state_reports where seq <= ? and refused = 0');
  const refuse = sqlite.prepare(
    'update agent_state_reports set refused = 1, last_error = ? where seq <= ? and refused = 0',
  );
  const failed = sqlite.prepare(
    'update agent_state_reports set attempts = attempts + 1, last_error = ? where seq <= ?',
  );
  const listeners = new Set<(ids: string[]) => void>();
  const outbox = createOutboxDrain({ drain, failure: 'Agent state report failed', log });
  // Ids strictly increase, even for two changes in one millisecond: the retailer keeps the
  // state of the newest id, and a ring answered at once must not sort before its ring.
  let lastIdMs = 0;

  const changesOf = (rows: ReportRow[]) =>
    rows.map((r) => JSON.parse(r.payload) as AgentStateChange);
  const lastOf = (rows: ReportRow[]) => rows[rows.length - 1]!.seq;

  function drain(): Promise<number> {
    return sendBatches<ReportRow>({
      next: () => waiting.all(BATCH) as ReportRow[],
      send: (rows) => send(changesOf(rows)),
      taken(rows) {
        remove.run(lastOf(rows));
        const ids = changesOf(rows).map((c) => c.id);
        for (const listener of [...listeners]) listener(ids);
      },
      refused(rows, error) {
        // Sending it again would be refused again and hold back every later change.
        refuse.run(error.message, lastOf(rows));
        log(`The retailer refused agent state changes: ${error.message}`);
      },
      failed(rows, error) {
        failed.run((error as Error).message, lastOf(rows));
        outbox.retryLater(rows[0]!.attempts);
      },
    });
  }

  return {
    record(state, deskLocked = false, call) {
      const change: AgentStateChange = {
        id: uuidV7((lastIdMs = Math.max(now(), lastIdMs + 1))),
        status: state.status,
        reason: state.reason,
        at: state.since,
        deskLocked,
        ...(call && state.status === 'on_call' ? { call } : {}),
      };
      insert.run(change.id, JSON.stringify(change));
      outbox.kick();
    },
    flush: outbox.flush,
    pending: () => (count.get() as { n: number }).n,
    onDelivered(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: outbox.close,
  };
}
