import type { z } from 'zod';
import type { DeskRevocationReason } from '../../../shared/protocol/devices';

/** Why a call to the retailer's API did not succeed, in the terms the sync engine acts on. */
export class SyncError extends Error {
  constructor(
    readonly kind:
      | 'offline' // no connection, reset, timeout: try again later
      | 'silent' // the live stream sent nothing, not even a heartbeat: the server is gone
      | 'server' // 5xx: try again later
      | 'rate_limited' // 429: try again after retryAfterMs
      | 'unauthorized' // sign in again
      | 'update_required' // 426: this desk's version is below its center's minimum
      | 'device_revoked' // 403 device_revoked: the retailer removed this desk; it erases its data
      | 'locked_by_policy' // 423: a bulk-access policy locked this agent's customer data
      | 'user_disabled' // 403 user_disabled: the retailer disabled this user (sign-in refused)
      | 'center_disabled' // 403 center_disabled: this center's contract with the retailer ended
      | 'invalid_response' // the answer did not match the protocol: try again, never apply it
      | 'rejected', // 4xx: the request itself is wrong
    message: string,
    readonly retryAfterMs?: number,
    /** On device_revoked: why the retailer revoked this desk (its answer's `error.reason`). */
    readonly revocationReason?: DeskRevocationReason,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/**
 * The retailer locked the account after too many wrong passwords (423 account_locked): a sign-in
 * refused even with the right password until the lock ends or the retailer admin lifts it.
 */
export class AccountLockedError extends SyncError {
  constructor(message: string) {
    super('unauthorized', message);
    this.name = 'AccountLockedError';
  }
}

/** An answer's body, parsed: a truncated or cut-off body is an invalid response, never applied. */
export function parseAnswer(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw incomplete(what, error);
  }
}

export function incomplete(what: string, error: unknown): SyncError {
  return new SyncError(
    'invalid_response',
    `The ${what} arrived incomplete: ${(error as Error).message}`,
  );
}

/** The answer as the protocol types it, or an invalid response naming the first mismatch. */
export function validateAnswer<T>(body: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError(
      'invalid_response',
      `The ${what} does not match the protocol at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
