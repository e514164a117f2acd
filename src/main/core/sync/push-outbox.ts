import type Sqlite from 'better-sqlite3';
import type { VocRecord } from '../../../shared/domain/voc';
import type { VocPushOutcome } from '../../../shared/protocol/voc-push';
import { type RetailerApi } from './retailer-api';
import { encodeRefusal, refusalOf } from './outbox-refusal';
import { SyncError } from './sync-error';

export interface PushResult {
  sent: number;
  quarantined: number;
  /** When the next attempt is due after a failure, or null when the outbox is drained. */
  retryAt: string | null;
}

const BATCH = 100;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Exponential backoff with full jitter (AWS's recipe): retries from many desktops spread out. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Sends pending outbox rows in batches. Accepted (or already-received duplicate) rows leave
 * the outbox; a record the server refuses as invalid is quarantined with the server's reason
 * — shown to the agent and supervisor, never dropped; a transport failure schedules a retry.
 */
export async function pushOutbox(
  sqlite: Sqlite.Database,
  api: RetailerApi,
  now: () => Date = () => new Date(),
): Promise<PushResult> {
  const due = sqlite.prepare(
    `select seq, entity_id, payload, attempts from outbox
     where state = 'pending' and kind = 'voc_record' and (next_attempt_at is null or next_attempt_at <= ?)
     order by seq limit ?`,
  );
  const remove = sqlite.prepare('delete from outbox where seq = ?');
  const quarantine = sqlite.prepare(
    `update outbox set state = 'quarantined', last_error = ? where seq = ?`,
  );
  const retryLater = sqlite.prepare(
    'update outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where seq = ?',
  );
  // The agent's state changes not sent yet: an outreach call's report may be among them.
  const unsentStateChanges = sqlite.prepare(
    'select count(*) as n from agent_state_reports where refused = 0',
  );
  /**
   * A proactive call's outcome the retailer refused because this desk's report of the call has
   * not reached it: the report is still in this desk's outbox (offline, both queued), so the
   * record waits for it, as a failed send does, instead of being refused for good.
   */
  const waitsForCallReport = (outcome: VocPushOutcome) =>
    outcome.status === 'rejected' &&
    outcome.code === 'outreach_call_not_reported' &&
    (unsentStateChanges.get() as { n: number }).n > 0;
  const waitForCallReport = (row: { seq: number; attempts: number }, outcome: VocPushOutcome) => {
    const at = new Date(now().getTime() + backoffDelayMs(row.attempts)).toISOString();
    retryLater.run(at, outcome.reason ?? outcome.code ?? outcome.status, row.seq);
    if (!result.retryAt || at < result.retryAt) result.retryAt = at;
  };

  const result: PushResult = { sent: 0, quarantined: 0, retryAt: null };
  for (;;) {
    const rows = due.all(now().toISOString(), BATCH) as {
      seq: number;
      entity_id: string;
      payload: string;
      attempts: number;
    }[];
    if (rows.length === 0) return result;
    let outcomes;
    try {
      outcomes = await api.pushVoc(rows.map((r) => JSON.parse(r.payload) as VocRecord));
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'rejected') {
        // The batch as a whole was refused (e.g. one record fails the schema): send the rows
        // one by one so only the invalid ones are quarantined.
        if (rows.length > 1) {
          for (const row of rows) await pushOne(row);
          continue;
        }
        quarantine.run(encodeRefusal('invalid', error.message), rows[0]!.seq);
        result.quarantined++;
        continue;
      }
      const delay =
        error instanceof SyncError && error.retryAfterMs ? error.retryAfterMs : undefined;
      const message = (error as Error).message;
      let earliest: string | null = null;
      sqlite.transaction(() => {
        for (const row of rows) {
          const at = new Date(
            now().getTime() + (delay ?? backoffDelayMs(row.attempts)),
          ).toISOString();
          retryLater.run(at, message, row.seq);
          if (!earliest || at < earliest) earliest = at;
        }
      })();
      result.retryAt = earliest;
      return result;
    }
    sqlite.transaction(() => {
      const byId = new Map(rows.map((r) => [r.entity_id, r]));
      for (const outcome of outcomes) {
        const row = byId.get(outcome.id);
        if (row === undefined) continue;
        if (outcome.status === 'accepted' || outcome.status === 'duplicate') {
          remove.run(row.seq);
          result.sent++;
        } else if (waitsForCallReport(outcome)) {
          waitForCallReport(row, outcome);
        } else {
          quarantine.run(refusalFor(outcome), row.seq);
          result.quarantined++;
        }
      }
    })();
  }

  async function pushOne(row: { seq: number; payload: string; attempts: number }): Promise<void> {
    try {
      const [outcome] = await api.pushVoc([JSON.parse(row.payload) as VocRecord]);
      if (outcome?.status === 'accepted' || outcome?.status === 'duplicate') {
        remove.run(row.seq);
        result.sent++;
      } else if (outcome && waitsForCallReport(outcome)) {
        waitForCallReport(row, outcome);
      } else {
        quarantine.run(
          outcome
            ? refusalFor(outcome)
            : encodeRefusal('other', 'The retailer gave no answer for this record.'),
          row.seq,
        );
        result.quarantined++;
      }
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'rejected') {
        quarantine.run(encodeRefusal('invalid', error.message), row.seq);
        result.quarantined++;
      } else throw error;
    }
  }
}

/** What a refused row keeps: the code the UI words, and the retailer's own words. */
function refusalFor(outcome: VocPushOutcome): string {
  const status = outcome.status === 'conflict' ? 'conflict' : 'rejected';
  return encodeRefusal(refusalOf(status, outcome.code), outcome.reason ?? outcome.status);
}
