import {
  insightsResponse,
  insightsWordsResponse,
  type InsightsResponse,
  type InsightsWordsResponse,
} from '../../../shared/protocol/insights';
import {
  createAuthorizedRequest,
  queryString,
  type AuthorizedFetchOptions,
} from '../retailer-client';

/** The retailer API's insights endpoints, called with the desktop's signed-in session. */
export interface InsightsClient {
  query(query: Record<string, string | undefined>): Promise<InsightsResponse>;
  words(query: Record<string, string | undefined>): Promise<InsightsWordsResponse>;
}

export type InsightsClientOptions = Omit<AuthorizedFetchOptions, 'timeoutMs'>;

export function createInsightsClient(options: InsightsClientOptions): InsightsClient {
  const request = createAuthorizedRequest({ ...options, timeoutMs: 20_000 });
  return {
    query: (query) => request('GET', `/v1/insights${queryString(query)}`, insightsResponse),
    words: (query) =>
      request('GET', `/v1/insights/words${queryString(query)}`, insightsWordsResponse),
  };
}
