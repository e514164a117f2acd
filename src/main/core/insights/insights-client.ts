import type { z } from 'zod';
import { apiError } from '../../../shared/protocol/auth';
import {
  insightsResponse,
  insightsWordsResponse,
  type InsightsResponse,
  type InsightsWordsResponse,
} from '../../../shared/protocol/insights';
import { AppError } from '../errors';
import type { SessionStore } from '../sync/retailer-api';

/** The retailer API's insights endpoints, called with the desktop's signed-in session. */
export interface InsightsClient {
  query(query: Record<string, string | undefined>): Promise<InsightsResponse>;
  words(query: Record<string, string | undefined>): Promise<InsightsWordsResponse>;
}

export interface InsightsClientOptions {
  baseUrl: string;
  sessions: SessionStore;
  /**
   * Asks the sync worker to refresh the session. Refresh tokens rotate and a spent one revokes
   * the whole family, so only the worker refreshes; on a 401 this client waits for its new token.
   */
  requestRefresh(): void;
  refreshWaitMs?: number;
}

const TIMEOUT_MS = 20_000;

export function createInsightsClient(options: InsightsClientOptions): InsightsClient {
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

  async function get<T>(
    path: string,
    query: Record<string, string | undefined>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const token = options.sessions.load()?.accessToken;
    if (!token) throw new AppError('unavailable', 'Not signed in to the retailer.');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, value);
    }
    const url = `${base}${path}?${params}`;
    const attempt = (bearer: string) =>
      fetch(url, {
        headers: { authorization: `Bearer ${bearer}` },
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
      throw new AppError(
        response.status === 403
          ? 'forbidden'
          : response.status === 400
            ? 'invalid_input'
            : 'unavailable',
        message,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('unavailable', 'The retailer answered in a shape this Koe cannot read.');
    }
    return parsed.data;
  }

  return {
    query: (query) => get('/v1/insights', query, insightsResponse),
    words: (query) => get('/v1/insights/words', query, insightsWordsResponse),
  };
}
