import type { z } from 'zod';
import type { IpcErrorCode } from '../../../shared/ipc';
import { apiError } from '../../../shared/protocol/auth';
import { AppError } from '../platform/errors';
import type { SessionStore } from '../sync';

export interface AuthorizedFetchOptions {
  baseUrl: string;
  sessions: SessionStore;
  /**
   * Asks the sync worker to refresh the session. Refresh tokens rotate and a spent one revokes
   * the whole family, so only the worker refreshes; on a 401 the request waits for its new token.
   */
  requestRefresh(): void;
  /** How long to wait for that new token. */
  refreshWaitMs?: number;
  timeoutMs: number;
  /** Sent with every request, e.g. this desk's id and version (the retailer lists them). */
  headers?: Record<string, string>;
}

/** The retailer refused a request: its HTTP status and its own error code travel with it. */
export class RetailerRefusal extends AppError {
  constructor(
    code: IpcErrorCode,
    message: string,
    readonly status: number,
    readonly serverCode: string | null,
  ) {
    super(code, message);
  }
}

export type AuthorizedRequest = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  /** The path with its query string, e.g. `/v1/insights?bucket=week`. */
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
) => Promise<T>;

const codeFor = (status: number): IpcErrorCode =>
  status === 403
    ? 'forbidden'
    : status === 404
      ? 'not_found'
      : status === 400 || status === 422
        ? 'invalid_input'
        : status === 409
          ? 'conflict'
          : 'unavailable';

/**
 * The one way the core's view clients (studio, insights, admin) call the retailer with the
 * desktop's signed-in session: bearer token, a timeout, one retry with the sync worker's fresh
 * token after a 401, the answer checked against its schema, and the retailer's refusals mapped
 * to IPC error codes.
 */
export function createAuthorizedRequest(options: AuthorizedFetchOptions): AuthorizedRequest {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function newToken(stale: string): Promise<string | null> {
    options.requestRefresh();
    const until = Date.now() + (options.refreshWaitMs ?? 5_000);
    while (Date.now() < until) {
      const token = options.sessions.load()?.accessToken;
      if (token && token !== stale) return token;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }

  return async (method, path, schema, body) => {
    const token = options.sessions.load()?.accessToken;
    if (!token)
      throw new AppError('unavailable', 'Not signed in to the retailer.', 'not_signed_in');
    const attempt = (bearer: string) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          ...options.headers,
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      }).catch((error: unknown) => {
        throw new AppError(
          'unavailable',
          `Cannot reach the retailer: ${(error as Error).message}`,
          'retailer_unreachable',
        );
      });
    let response = await attempt(token);
    if (response.status === 401) {
      await response.body?.cancel();
      const fresh = await newToken(token);
      if (!fresh)
        throw new AppError(
          'unavailable',
          'The retailer session expired; sign in again.',
          'session_expired',
        );
      response = await attempt(fresh);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = apiError.safeParse(json);
      throw new RetailerRefusal(
        codeFor(response.status),
        parsed.success ? parsed.data.error.message : `The retailer answered ${response.status}.`,
        response.status,
        parsed.success ? parsed.data.error.code : null,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError(
        'unavailable',
        'The retailer answered in a shape this Koe cannot read.',
        'retailer_unreadable',
      );
    }
    return parsed.data;
  };
}

/** `?a=1&b=2` from the defined values only ('' when none). */
export function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
