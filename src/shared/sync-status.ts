/** What the status indicator in the app shell shows about sync with the retailer. */
export interface SyncStatus {
  /** Whether the retailer's API answered the last attempt. */
  online: boolean;
  phase: 'idle' | 'bootstrapping' | 'pulling' | 'pushing' | 'signed_out';
  lastSyncedAt: string | null;
  /** Wrap-ups saved here and not yet received by the retailer. */
  pendingOutbox: number;
  /** Wrap-ups the retailer refused, kept with its reason for the agent and the supervisor. */
  quarantined: number;
  /** Records applied so far in the current pull (progress of a bootstrap). */
  pulledRecords: number;
  error: string | null;
}

export const initialSyncStatus: SyncStatus = {
  online: false,
  phase: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  quarantined: 0,
  pulledRecords: 0,
  error: null,
};
