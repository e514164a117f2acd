import type { DeskRevocationReason } from './protocol/devices';

/** Why the last attempt to reach the retailer failed, as a code the UI words in its language. */
export type SyncProblemCode =
  | 'offline' // the retailer cannot be reached
  | 'stream_silent' // the live stream stopped sending heartbeats: the server is gone
  | 'server' // the retailer's server failed (5xx)
  | 'rate_limited'
  | 'unauthorized'
  | 'update_required' // the retailer requires a newer Koe before it sends customer data
  | 'device_revoked' // the retailer removed this desk: its customer data is erased
  | 'locked_by_policy' // a bulk-access policy locked this agent's customer data (until a supervisor takes it)
  | 'user_disabled' // the retailer disabled this user: no sign-in until it enables them again
  | 'center_disabled' // this center's contract with the retailer ended
  | 'invalid_response'
  | 'rejected'
  | 'internal';

export interface SyncProblem {
  code: SyncProblemCode;
  /** The technical detail (English, for support): shown second, never instead of the code. */
  detail: string;
  /** On device_revoked: why the retailer revoked this desk (the lock screen says it). */
  revocationReason?: DeskRevocationReason;
}

/** Why the retailer refused a wrap-up, as a code the UI words in the agent's language. */
export type RefusalCode =
  | 'conflict' // the retailer holds other content under this record's id and revision
  | 'not_allowed' // the record is not the signed-in agent's own
  | 'invalid' // the request was refused as malformed
  | 'outreach_call_not_reported' // a proactive outcome whose call this desk never reported
  | 'other';

/** A wrap-up the retailer refused, kept with its reason until the agent corrects it. */
export interface RefusedRecord {
  vocId: string;
  callId: string | null;
  savedAt: string;
  reason: RefusalCode;
  /** The retailer's own words (English), for support. */
  detail: string;
}

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
  /** The refused wrap-ups themselves (the most recent 50). */
  refused: RefusedRecord[];
  /** Records applied so far in the current pull (progress of a bootstrap). */
  pulledRecords: number;
  /**
   * Where the current pull is, in the retailer's change sequence: from where it started to the
   * head the retailer announced (see `pullProgress`); null when no pull runs or the retailer
   * does not announce its head.
   */
  pullSpan: PullSpan | null;
  /**
   * The live change stream: `connected` while the server's heartbeats arrive; `reconnecting`
   * after it ended or went silent, until `nextAttemptAt`; `off` when the desk does not listen.
   * Only a connected stream lets the desk call itself synced: without it, changes go unseen.
   */
  stream: 'off' | 'connecting' | 'connected' | 'reconnecting';
  /** When the stream is tried again (while reconnecting). */
  nextAttemptAt: string | null;
  error: SyncProblem | null;
}

export interface PullSpan {
  fromCursor: number;
  cursor: number;
  headCursor: number;
  startedAt: string;
}

/** How far a pull is, and (once it has measured its pace) about how long it still takes. */
export interface PullProgress {
  /** 0–1. */
  fraction: number;
  /** Null until a few percent are done: an early estimate jumps around too much to show. */
  remainingMs: number | null;
}

/** A pull's progress from its span; null when there is nothing worth a progress bar. */
export function pullProgress(span: PullSpan | null, nowMs: number): PullProgress | null {
  if (!span) return null;
  const total = span.headCursor - span.fromCursor;
  if (total <= 0) return null;
  const fraction = Math.min(1, Math.max(0, (span.cursor - span.fromCursor) / total));
  const elapsed = nowMs - Date.parse(span.startedAt);
  const remainingMs =
    fraction >= MEASURED_FRACTION && elapsed > 0 ? (elapsed * (1 - fraction)) / fraction : null;
  return { fraction, remainingMs };
}

const MEASURED_FRACTION = 0.03;

export const initialSyncStatus: SyncStatus = {
  online: false,
  phase: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  quarantined: 0,
  refused: [],
  pulledRecords: 0,
  pullSpan: null,
  stream: 'connecting',
  nextAttemptAt: null,
  error: null,
};
