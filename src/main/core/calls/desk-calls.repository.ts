import type Sqlite from 'better-sqlite3';
import { callDraft, type CallDraft } from '../../../shared/calls/call-draft';
import { isActive, type CallSession } from '../../../shared/calls/call-session';
import { durably } from '../platform/durably';
import { writeWhenFree } from '../platform/write-when-free';

/**
 * The phone desk on disk (`desk_calls`): every call the desk holds, and the agent's unsaved work
 * on the calls still active. Synchronous (better-sqlite3) so that the desk's change and its row
 * are written in the same step, inside the caller's transaction when there is one. Outside one,
 * a call's row never waits for the cache's write lock (a ring's card would wait with it): while
 * a background writer holds the lock the row is written the moment it frees (`write-when-free`).
 */
export interface DeskCallsRepository {
  /** The calls as last written, oldest first; rows that no longer read are skipped and logged. */
  loadCalls(): CallSession[];
  /** Writes the call; once it is no longer active its draft is dropped in the same statement. */
  saveCall(call: CallSession): void;
  removeCall(callId: string): void;
  /**
   * Runs `work` (a saved wrap-up's record, with the call's row moving to done) in one
   * transaction committed durably (platform/durably.ts).
   */
  durably<T>(work: () => T): T;
  /** Keeps the draft of an active call; false (nothing written) when the call is not active. */
  saveDraft(callId: string, draft: CallDraft): boolean;
  /** The drafts of the active calls, by call id. */
  drafts(): Map<string, CallDraft>;
  /** Settles once every call's row is on disk (tests). */
  written(): Promise<void>;
  /** Writes the rows still waiting for the lock (waiting for it); before the cache closes. */
  close(): void;
}

const ACTIVE_SQL = `json_extract(session, '$.state') in ('ringing', 'in_call', 'wrap_up')`;

export function createDeskCallsRepository(
  sqlite: Sqlite.Database,
  options: { now?: () => number; log?: (message: string) => void } = {},
): DeskCallsRepository {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message) => console.error(`[koe] ${message}`));
  const selectCalls = sqlite.prepare(`select call_id, session from desk_calls order by rowid`);
  const upsertCall = sqlite.prepare(
    `insert into desk_calls (call_id, session, draft, updated_at) values (@id, @session, null, @at)
     on conflict(call_id) do update set session = excluded.session, updated_at = excluded.updated_at,
       draft = case when @active then desk_calls.draft else null end`,
  );
  const deleteCall = sqlite.prepare(`delete from desk_calls where call_id = ?`);
  const updateDraft = sqlite.prepare(
    `update desk_calls set draft = ?, updated_at = ? where call_id = ? and ${ACTIVE_SQL}`,
  );
  const rows = writeWhenFree(sqlite, { log });
  const selectDrafts = sqlite.prepare(
    `select call_id, draft from desk_calls where draft is not null and ${ACTIVE_SQL}`,
  );

  return {
    loadCalls() {
      const calls: CallSession[] = [];
      for (const row of selectCalls.all() as { call_id: string; session: string }[]) {
        try {
          calls.push(JSON.parse(row.session) as CallSession);
        } catch {
          log(`desk call ${JSON.stringify(row.call_id)} could not be read; skipped`);
        }
      }
      return calls;
    },
    saveCall(call) {
      const row = {
        id: call.callId,
        session: JSON.stringify(call),
        at: new Date(now()).toISOString(),
        active: isActive(call) ? 1 : 0,
      };
      rows.write(call.callId, () => upsertCall.run(row));
    },
    removeCall(callId) {
      rows.write(callId, () => deleteCall.run(callId));
    },
    durably: (work) => durably(sqlite, work),
    saveDraft(callId, draft) {
      // The draft goes on the call's row: that row first.
      rows.flush();
      const at = new Date(now()).toISOString();
      return updateDraft.run(JSON.stringify(draft), at, callId).changes === 1;
    },
    drafts() {
      const drafts = new Map<string, CallDraft>();
      for (const row of selectDrafts.all() as { call_id: string; draft: string }[]) {
        // A draft written by another version of Koe may no longer read: the call stays, the
        // agent fills in the form again (and is not stopped by an error).
        let parsed: unknown;
        try {
          parsed = JSON.parse(row.draft);
        } catch {
          parsed = undefined;
        }
        const draft = callDraft.safeParse(parsed);
        if (draft.success) drafts.set(row.call_id, draft.data);
        else log(`the draft of call ${JSON.stringify(row.call_id)} could not be read; dropped`);
      }
      return drafts;
    },
    written: () => rows.settled(),
    close: () => rows.close(),
  };
}
