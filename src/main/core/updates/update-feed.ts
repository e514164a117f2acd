import { deskUpdatePolicy } from '../../../shared/protocol/update-feed';
import type { SyncStatus } from '../../../shared/sync-status';
import type { EventBus } from '../platform/event-bus';
import type { AuthorizedRequest } from '../retailer-client';
import { deskHeaders } from '../sync';
import type { SessionStore } from '../sync';

/** Where and how this desk reads its updates: the retailer's feed for its center's channel. */
export interface UpdateFeed {
  /** electron-updater's generic provider reads `latest.yml` and the files it names from here. */
  url: string;
  channel: string;
  /** Bearer token and the desk's id and version, read fresh before every request. */
  requestHeaders(): Record<string, string>;
  /** The desk is below its center's minimum version: install as soon as the desk is idle. */
  required: boolean;
}

export interface UpdateFeedOptions {
  baseUrl: string;
  sessions: SessionStore;
  desk: { id: string; version: string };
  /** Authorized with the desk headers (the retailer records which desk runs what). */
  request: AuthorizedRequest;
}

/**
 * Reads the desk's update policy (`GET /v1/updates/policy`: channel and minimum version set by
 * the retailer admin for this center) and gives the updater the feed to read. Asked before
 * every check, so a channel the admin changed or a new minimum version takes effect at the next
 * check. Null when nobody is signed in yet: the feed needs the agent's session.
 */
export function createUpdateFeedReader(
  options: UpdateFeedOptions,
): () => Promise<UpdateFeed | null> {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async () => {
    if (!options.sessions.load()) return null;
    const policy = await options.request('GET', '/v1/updates/policy', deskUpdatePolicy);
    return {
      url: `${base}/v1/updates/${encodeURIComponent(policy.channel)}`,
      channel: policy.channel,
      required: policy.updateRequired,
      requestHeaders: () => {
        const token = options.sessions.load()?.accessToken;
        return {
          ...deskHeaders(options.desk),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        };
      },
    };
  };
}

/**
 * Calls `listener` when the retailer starts refusing this desk's version (sync answered 426):
 * the updater checks at once instead of at its next hourly tick. Once per refusal, not at every
 * sync retry. Returns the unsubscribe function.
 */
export function watchUpdateRequired(events: EventBus, listener: () => void): () => void {
  let refused = false;
  return events.subscribe((event, payload) => {
    if (event !== 'sync:status') return;
    const now = (payload as SyncStatus).error?.code === 'update_required';
    if (now && !refused) listener();
    refused = now;
  });
}
