import type Sqlite from 'better-sqlite3';
import type { SignedInAgent } from '../../../shared/ipc';
import { createAuditAppender, type AuditEntry } from './audit.repository';

/** An access to record: who and when are filled in here. */
export type AccessToRecord = Omit<AuditEntry, 'agentId' | 'at'> & { at?: string };
export type RecordAccess = (entry: AccessToRecord) => Promise<void>;

/** Records an access in the desk's audit, then lets the policies and the outbox know. */
export function createAccessRecorder(deps: {
  sqlite: Sqlite.Database;
  agent: () => SignedInAgent | null;
  now: () => number;
  /** Told after each recorded access (the bulk-access policies, the audit outbox). */
  audited?: (entry: AuditEntry) => void;
}): RecordAccess {
  const appendAuditRow = createAuditAppender(deps.sqlite);
  return async (entry) => {
    const recorded: AuditEntry = {
      ...entry,
      agentId: deps.agent()?.id ?? null,
      at: entry.at ?? new Date(deps.now()).toISOString(),
    };
    appendAuditRow(recorded);
    deps.audited?.(recorded);
  };
}
