import {
  DESK_LOCKED_BY_POLICY_CODE,
  DESK_LOCKED_BY_POLICY_STATUS,
} from '../../../shared/protocol/access-audit';
import { deskHeaders } from './desk-id';
import type { z } from 'zod';
import type { VocRecord } from '../../../shared/domain/voc';
import {
  apiError,
  DEVICE_REVOKED,
  session,
  type ApiError,
  type Session,
} from '../../../shared/protocol/auth';
import { deskRevocationReason } from '../../../shared/protocol/devices';
import { PULL_CURSOR_HEADER, PULL_HAS_MORE_HEADER } from '../../../shared/protocol/sync';
import { vocPushResponse, type VocPushOutcome } from '../../../shared/protocol/voc-push';
import { inThreadPageDecoder, type PageDecoder } from './page-decoder';
import type { DecodedPullPage, DecodeOptions } from './page-decoding';
import {
  AccountLockedError,
  incomplete,
  parseAnswer,
  SyncError,
  validateAnswer,
} from './sync-error';

/** Where the session lives: Electron safeStorage in the app, a file only in the browser harness. */
export interface SessionStore {
  load(): Session | null;
  save(session: Session): void;
  clear(): void;
}

/** A pull whose answer has begun: its headers are in, its body is still to be read. */
export interface OpenedPull {
  /** The page's end as the server announced it in the headers; null when it did not. */
  announced: { cursor: string; hasMore: boolean } | null;
  /** Reads, parses and validates the page (by default leaving customers' index entries out). */
  read(options?: DecodeOptions): Promise<DecodedPullPage>;
  /** Settles once the whole body has arrived (or failed to), whether or not it was read. */
  received(): Promise<void>;
  /** Drops an answer that will not be read. */
  cancel(): void;
}

export interface RetailerApi {
  /** The Koe version this desk tells the retailer (none: no desk headers are sent). */
  readonly deskVersion?: string;
  signIn(email: string, password: string): Promise<Session>;
  /**
   * Asks for the page of changes after `since` (up to `until`, a notice's cursor, if given);
   * resolves when the answer's headers arrive.
   */
  openPull(since: string, limit?: number, until?: string): Promise<OpenedPull>;
  pushVoc(records: readonly VocRecord[]): Promise<VocPushOutcome[]>;
  /**
   * Opens the server-sent event stream; resolves when the server ends it (with the reconnect
   * delay it asked for, if it did), rejects when it breaks or stays silent too long, or when the
   * server ends it as revoked and the session cannot be refreshed (`unauthorized`).
   */
  listen(handlers: StreamHandlers, signal: AbortSignal): Promise<StreamEnd>;
}

export interface StreamHandlers {
  /** The stream is open: the server answered and is sending. */
  onOpen(): void;
  /** A change notice: its cursor, and over how long the server asks its desks to spread pulls. */
  onChanges(cursor: string, spreadMs: number): void;
  /** An `event: floor` message (parsed JSON, not validated here). */
  onFloor?(event: unknown): void;
  /**
   * Nothing at all (not even a heartbeat) this long means the server is gone — a process
   * killed without closing its sockets leaves the connection open on this side forever.
   */
  silenceTimeoutMs: number;
}

export interface StreamEnd {
  /** The server's `retry:` hint in milliseconds, when it gave one. */
  retryMs: number | null;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function createRetailerApi(options: {
  baseUrl: string;
  sessions: SessionStore;
  /** Where pulled pages are decoded: this thread unless a worker's decoder is given. */
  pageDecoder?: PageDecoder;
  /**
   * This desk (a stable per-install id) and its Koe version, sent with every request: the
   * retailer lists which desk runs what, rolls updates out per desk, and refuses customer data
   * to a desk below its center's minimum version.
   */
  desk?: { id: string; version: string };
}): RetailerApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const decoder = options.pageDecoder ?? inThreadPageDecoder;

  async function send(
    path: string,
    init: RequestInit,
    auth: boolean,
    retried = false,
  ): Promise<Response> {
    const current = auth ? options.sessions.load() : null;
    if (auth && !current) throw new SyncError('unauthorized', 'Not signed in to the retailer.');
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: {
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(current ? { authorization: `Bearer ${current.accessToken}` } : {}),
          ...(options.desk ? deskHeaders(options.desk) : {}),
        },
        signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncError('offline', `Cannot reach the retailer: ${(error as Error).message}`);
    }
    if (response.status === 401 && auth && !retried && current) {
      await response.body?.cancel();
      await refresh(current.refreshToken);
      return send(path, init, auth, true);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '5');
      throw new SyncError(
        'rate_limited',
        'The retailer asked us to slow down.',
        (Number.isFinite(seconds) ? seconds : 5) * 1000,
      );
    }
    // 423 is two different locks, told apart by their code: a policy's hold on the agent's
    // customer data, or an account locked after wrong passwords.
    if (
      response.status === DESK_LOCKED_BY_POLICY_STATUS &&
      refusalCode(text) === DESK_LOCKED_BY_POLICY_CODE
    )
      throw new SyncError(
        'locked_by_policy',
        `The retailer holds this agent's customer data locked: ${text.slice(0, 300)}`,
      );
    if (response.status === 423)
      throw new AccountLockedError(`The retailer locked this account: ${text.slice(0, 300)}`);
    if (response.status === 426)
      throw new SyncError(
        'update_required',
        `The retailer requires a newer Koe: ${text.slice(0, 300)}`,
      );
    if (response.status >= 500)
      throw new SyncError('server', `The retailer's server failed (${response.status}).`);
    if (response.status === 401)
      throw new SyncError('unauthorized', 'The retailer refused our session; sign in again.');
    const refused = refusalOf(text);
    if (response.status === 403 && refused?.code === DEVICE_REVOKED) {
      const reason = deskRevocationReason.safeParse(refused.reason);
      throw new SyncError(
        'device_revoked',
        `The retailer has removed this desk (${refused.reason ?? 'device_revoked'}).`,
        undefined,
        reason.success ? reason.data : 'device_revoked',
      );
    }
    // The user or the center switched off by the retailer: said so, retried later (it may be
    // switched on again), and never taken for a wrap-up the retailer refused.
    if (
      response.status === 403 &&
      (refused?.code === 'user_disabled' || refused?.code === 'center_disabled')
    )
      throw new SyncError(refused.code, `The retailer refused: ${text.slice(0, 300)}`);
    throw new SyncError(
      'rejected',
      `The retailer refused the request (${response.status}): ${text.slice(0, 300)}`,
    );
  }

  async function readJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    // A connection dropped mid-body or a truncated answer: nothing of it is applied.
    const text = await response.text().catch((error: unknown) => {
      throw incomplete(what, error);
    });
    return validateAnswer(parseAnswer(text, what), schema, what);
  }

  async function refresh(refreshToken: string): Promise<void> {
    const response = await send(
      '/v1/auth/refresh',
      { method: 'POST', body: JSON.stringify({ refreshToken }) },
      false,
    ).catch((error: unknown) => {
      if (
        error instanceof SyncError &&
        (error.kind === 'rejected' || error.kind === 'device_revoked')
      )
        options.sessions.clear();
      if (error instanceof SyncError && error.kind === 'device_revoked') throw error;
      throw error instanceof SyncError && error.kind === 'rejected'
        ? new SyncError('unauthorized', 'The session expired; sign in again.')
        : error;
    });
    options.sessions.save(await readJson(response, session, 'session'));
  }

  return {
    ...(options.desk ? { deskVersion: options.desk.version } : {}),
    async signIn(email, password) {
      const response = await send(
        '/v1/auth/sign-in',
        { method: 'POST', body: JSON.stringify({ email, password }) },
        false,
      ).catch((error: unknown) => {
        if (error instanceof SyncError && error.kind === 'unauthorized') {
          if (error instanceof AccountLockedError) throw error;
          throw new SyncError(
            'unauthorized',
            'The retailer did not accept this e-mail and password.',
          );
        }
        throw error;
      });
      const result = await readJson(response, session, 'session');
      options.sessions.save(result);
      return result;
    },
    async openPull(since, limit, until) {
      const query = new URLSearchParams({
        since,
        ...(limit ? { limit: String(limit) } : {}),
        ...(until ? { until } : {}),
      });
      const response = await send(`/v1/sync/pull?${query}`, { method: 'GET' }, true);
      let body: Promise<ArrayBuffer> | null = null;
      const bytes = () =>
        (body ??= response.arrayBuffer().catch((error: unknown) => {
          throw incomplete('page of changes', error);
        }));
      return {
        announced: announcedPageEnd(response.headers),
        read: async (decoding = { indexCustomers: false }) =>
          decoder.decode(await bytes(), decoding),
        received: () =>
          bytes().then(
            () => undefined,
            () => undefined,
          ),
        cancel: () => void response.body?.cancel().catch(() => undefined),
      };
    },
    async pushVoc(records) {
      const response = await send(
        '/v1/voc/batch',
        { method: 'POST', body: JSON.stringify({ records }) },
        true,
      );
      const { results } = await readJson(response, vocPushResponse, 'push answer');
      return results;
    },
    async listen(handlers, signal) {
      // Our own abort, so the silence watchdog can cut the request as well as the caller.
      const cut = new AbortController();
      const onAbort = () => cut.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let silent = false;
      let watchdog: ReturnType<typeof setTimeout> | null = null;
      const heard = () => {
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          silent = true;
          cut.abort();
        }, handlers.silenceTimeoutMs);
      };
      let retryMs: number | null = null;
      try {
        heard();
        const response = await send('/v1/events', { method: 'GET', signal: cut.signal }, true);
        const reader = response.body?.getReader();
        if (!reader) return { retryMs };
        handlers.onOpen();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return { retryMs };
          heard();
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const retry = /^retry: (\d{1,7})$/m.exec(message)?.[1];
            if (retry) retryMs = Number(retry);
            const data = /^event: changes\ndata: (.*)$/m.exec(message)?.[1];
            if (data) {
              const notice = JSON.parse(data) as { cursor?: unknown; spreadMs?: unknown };
              const spread = Number(notice.spreadMs);
              // An older server sends no spread: pull at once, as before.
              const spreadMs = Number.isFinite(spread) ? Math.min(Math.max(spread, 0), 60_000) : 0;
              if (typeof notice.cursor === 'string' && /^\d{1,15}$/.test(notice.cursor))
                handlers.onChanges(notice.cursor, spreadMs);
            }
            if (/^event: revoked$/m.test(message)) {
              // The retailer ended the stream because this session no longer works (its sign-in
              // revoked, the user disabled, the desk removed). A refresh asks it why, and fails
              // the way a refused request does: sign in again, or the desk's revocation.
              const current = options.sessions.load();
              if (current) await refresh(current.refreshToken);
              return { retryMs };
            }
            // `event: expired` needs nothing here: the stream ends, and the reconnect refreshes
            // the expired token as any request does.
            const floor = /^event: floor\ndata: (.*)$/m.exec(message)?.[1];
            if (floor && handlers.onFloor) {
              try {
                handlers.onFloor(JSON.parse(floor));
              } catch {
                // A floor message that is not JSON: nothing to pass on.
              }
            }
          }
        }
      } catch (error) {
        if (signal.aborted) return { retryMs };
        if (silent) {
          throw new SyncError(
            'silent',
            `The change stream went silent (no heartbeat for ${handlers.silenceTimeoutMs} ms)`,
          );
        }
        if (error instanceof SyncError) throw error;
        throw new SyncError('offline', `The change stream broke: ${(error as Error).message}`);
      } finally {
        if (watchdog) clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** The retailer's own error code in a refusal's body (`{ error: { code } }`), if any. */
function refusalOf(text: string): ApiError['error'] | null {
  try {
    const parsed = apiError.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

function refusalCode(text: string): string | null {
  return refusalOf(text)?.code ?? null;
}

/** The page end a pull's headers announce, if they announce a well-formed one. */
function announcedPageEnd(headers: Headers): OpenedPull['announced'] {
  const cursor = headers.get(PULL_CURSOR_HEADER);
  const hasMore = headers.get(PULL_HAS_MORE_HEADER);
  if (cursor === null || !/^\d{1,15}$/.test(cursor)) return null;
  if (hasMore !== 'true' && hasMore !== 'false') return null;
  return { cursor, hasMore: hasMore === 'true' };
}
