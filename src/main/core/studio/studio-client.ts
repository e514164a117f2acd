import type { z } from 'zod';
import { apiError } from '../../../shared/protocol/auth';
import {
  publishResponse,
  saveDraftResponse,
  studioScriptDetail,
  studioScriptList,
  studioVersionDetail,
  type PublishRequest,
  type PublishResponse,
  type RollbackRequest,
  type ScriptContent,
  type StudioScriptDetail,
  type StudioScriptList,
  type StudioVersionDetail,
} from '../../../shared/protocol/script-authoring';
import { AppError } from '../errors';
import type { SessionStore } from '../sync/retailer-api';

/** The retailer API's studio endpoints, called with the desktop's signed-in session. */
export interface StudioClient {
  list(): Promise<StudioScriptList>;
  get(scriptId: string): Promise<StudioScriptDetail>;
  version(scriptId: string, version: number): Promise<StudioVersionDetail>;
  saveDraft(scriptId: string, content: ScriptContent): Promise<{ updatedAt: string }>;
  publish(request: PublishRequest): Promise<PublishResponse>;
  rollback(request: RollbackRequest): Promise<PublishResponse>;
}

export interface StudioClientOptions {
  baseUrl: string;
  sessions: SessionStore;
  /**
   * Asks the sync worker to refresh the session. Refresh tokens rotate and a spent one revokes
   * the whole family, so only the worker refreshes; on a 401 this client waits for its new token.
   */
  requestRefresh(): void;
  /** How long to wait for that new token. */
  refreshWaitMs?: number;
}

const TIMEOUT_MS = 15_000;

export function createStudioClient(options: StudioClientOptions): StudioClient {
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

  async function send<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const token = options.sessions.load()?.accessToken;
    if (!token) throw new AppError('unavailable', 'Not signed in to the retailer.');
    const attempt = (bearer: string) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new AppError('unavailable', `Cannot reach the retailer: ${(error as Error).message}`);
      });
    let response = await attempt(token);
    if (response.status === 401) {
      await response.body?.cancel();
      const fresh = await newToken(token);
      if (!fresh) throw new AppError('unavailable', 'The retailer session expired; sign in again.');
      response = await attempt(fresh);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = apiError.safeParse(json);
      const message = parsed.success
        ? parsed.data.error.message
        : `The retailer answered ${response.status}.`;
      const code =
        response.status === 403
          ? 'forbidden'
          : response.status === 404
            ? 'not_found'
            : response.status === 400 || response.status === 422
              ? 'invalid_input'
              : response.status === 409
                ? 'conflict'
                : 'unavailable';
      throw new AppError(code, message);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('unavailable', 'The retailer answered in a shape this Koe cannot read.');
    }
    return parsed.data;
  }

  return {
    list: () => send('GET', '/v1/studio/scripts', studioScriptList),
    get: (scriptId) =>
      send('GET', `/v1/studio/script?${new URLSearchParams({ scriptId })}`, studioScriptDetail),
    version: (scriptId, version) =>
      send(
        'GET',
        `/v1/studio/script/version?${new URLSearchParams({ scriptId, version: String(version) })}`,
        studioVersionDetail,
      ),
    saveDraft: (scriptId, content) =>
      send('PUT', '/v1/studio/drafts', saveDraftResponse, { scriptId, content }),
    publish: (request) => send('POST', '/v1/studio/publish', publishResponse, request),
    rollback: (request) => send('POST', '/v1/studio/rollback', publishResponse, request),
  };
}
