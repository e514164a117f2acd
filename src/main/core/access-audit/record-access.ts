import type { SignedInAgent } from '../../../shared/ipc';
import type { AuditJournal } from './audit-journal';
import type { AuditEntry } from './audit.repository';

/** An access to record: who and when are filled in here. */
export type AccessToRecord = Omit<AuditEntry, 'agentId' | 'at'> & { at?: string };
export type RecordAccess = (entry: AccessToRecord) => void;

/**
 * Records an access in the desk's audit journal: committed right after the answer, in the same
 * tick (audit-journal.ts); the policies and the outbox are told once it is.
 */
export function createAccessRecorder(deps: {
  journal: AuditJournal;
  agent: () => SignedInAgent | null;
  now: () => number;
}): RecordAccess {
  return (entry) =>
    deps.journal.record({
      ...entry,
      agentId: deps.agent()?.id ?? null,
      at: entry.at ?? new Date(deps.now()).toISOString(),
    });
}
