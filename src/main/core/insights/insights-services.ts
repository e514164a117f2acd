import type { SignedInAgent } from '../../../shared/ipc';
import { INSIGHTS_ROLES, type insightsIpcHandlers } from '../../../shared/insights-ipc';
import { AppError } from '../platform/errors';
import type { ServicesOf } from '../platform/router';
import type { InsightsClient } from './insights-client';

export type InsightsServices = ServicesOf<typeof insightsIpcHandlers>;

/**
 * The insights channels: refused here for agents (the server refuses them too), otherwise
 * forwarded to the retailer. Nothing is cached on the desktop: the numbers, and the customers'
 * words, stay on the retailer's server.
 */
export function createInsightsServices(deps: {
  client: InsightsClient | null;
  agent: () => SignedInAgent | null;
}): InsightsServices {
  const client = (): InsightsClient => {
    const role = deps.agent()?.role;
    if (!role || !(INSIGHTS_ROLES as readonly string[]).includes(role)) {
      throw new AppError(
        'forbidden',
        'Only supervisors, trainers and retailer admins see insights.',
      );
    }
    if (!deps.client)
      throw new AppError('unavailable', 'No retailer is configured.', 'no_retailer');
    return deps.client;
  };
  return {
    'insights:query': ({ from, to, centerId, bucket }) =>
      client().query({ from, to, centerId, bucket }),
    'insights:words': ({ from, to, centerId, reason, harassment, cursor, limit }) =>
      client().words({ from, to, centerId, reason, harassment, cursor, limit: String(limit) }),
  };
}
