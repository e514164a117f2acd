import {
  insightsQuery,
  insightsWordsQuery,
  type InsightsResponse,
  type InsightsWordsResponse,
} from './protocol/insights';
import { channel } from './ipc-channel';

/**
 * The insights view's part of the IPC contract (spread into `ipcHandlers` in ipc.ts). The core
 * forwards each query to the retailer's API with the signed-in session; the server scopes it
 * (a supervisor sees only its center) and refuses agents.
 */
export const insightsIpcHandlers = {
  'insights:query': channel<InsightsResponse>()(insightsQuery.strict()),
  'insights:words': channel<InsightsWordsResponse>()(insightsWordsQuery.strict()),
};

/** The roles that see the insights view (the server checks again). */
export const INSIGHTS_ROLES = ['supervisor', 'trainer', 'retailer_admin'] as const;
